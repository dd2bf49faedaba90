package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.CheckResult;
import java.nio.file.Path;

/**
 * Where a file destination's files go: a local folder, an S3 bucket, an SFTP server. Paths are
 * relative to the store's root (its folder, bucket prefix or remote path) and use {@code /}.
 * Used by one thread at a time (the destination's {@code finish}).
 */
public interface FileStore extends AutoCloseable {
    /** The root, for messages: {@code s3://bucket/prefix}, {@code sftp://host/path}, a folder. */
    String describe();

    /** Whether the root is reachable and writable; never throws. */
    CheckResult check();

    /**
     * Copies the local file to {@code path} so that readers see either nothing or the whole
     * file: written under a temporary name and renamed, or uploaded as one object. Replaces a
     * file already at {@code path}.
     *
     * @throws dev.ownstack.activation.destination.DestinationException when the upload fails
     */
    void publish(String path, Path file);

    @Override
    default void close() {
    }
}
