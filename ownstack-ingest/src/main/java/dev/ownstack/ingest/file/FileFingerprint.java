package dev.ownstack.ingest.file;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What identifies a file's content: its absolute path, size, modification time and the SHA-256
 * of its bytes. The hash decides whether a file changed; size and time are kept for people
 * reading the manifest.
 */
record FileFingerprint(Path path, long size, OffsetDateTime modifiedAt, String sha256) {
    FileFingerprint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(sha256, "sha256");
    }

    static FileFingerprint of(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "SHA-256 is missing from this Java runtime", e);
        }
        try (InputStream input = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                digest.update(buffer, 0, read);
                size += read;
            }
            OffsetDateTime modified = Files.getLastModifiedTime(file).toInstant().atOffset(ZoneOffset.UTC);
            return new FileFingerprint(file.toAbsolutePath().normalize(), size, modified, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when the file's size or modification time moved since it was fingerprinted: then the
     * rows just read may not be the content the manifest would record.
     */
    void requireUnchanged() {
        try {
            OffsetDateTime modified = Files.getLastModifiedTime(path).toInstant().atOffset(ZoneOffset.UTC);
            if (Files.size(path) != size || !modified.isEqual(modifiedAt)) {
                throw new OwnstackException(ErrorCode.IO_FAILED, path + " changed while it was being loaded; nothing of it was kept,"
                        + " run the load again once it is complete");
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The path as stored in the manifest and in {@code _ownstack_file}. */
    String pathText() {
        return path.toString();
    }
}
