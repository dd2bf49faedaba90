package dev.ownstack.destinations.file;

import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/** Files in a local folder: copied to a hidden {@code .<name>.part} beside the target, then renamed over it atomically. */
public final class FolderStore implements FileStore {
    private final Path root;

    public FolderStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public CheckResult check() {
        if (!Files.isDirectory(root)) {
            return CheckResult.failed("folder " + root + " does not exist or is not a folder");
        }
        try {
            Path probe = Files.createTempFile(root, ".ownstack-check-", ".tmp");
            Files.delete(probe);
            return CheckResult.ok("folder " + root + " is writable");
        } catch (IOException e) {
            return CheckResult.failed("folder " + root + " is not writable: " + e.getMessage());
        }
    }

    @Override
    public void publish(String path, Path file) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("path " + path + " leaves the folder " + root);
        }
        Path part = target.resolveSibling("." + target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot write " + target + ": " + e.getMessage(), Optional.empty(), e);
        }
    }
}
