package dev.ownstack.cli.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The two kinds of failure a run reports, made in one place so that they can move to the shared
 * error type of ownstack-core without touching the generator: a bad option (the user fixes it) and
 * a file that cannot be written (the disk or the directory is at fault).
 */
final class GeneratorErrors {

    private GeneratorErrors() {
    }

    static IllegalArgumentException badOption(String message) {
        return new IllegalArgumentException(message);
    }

    static UncheckedIOException cannot(String action, Path path, IOException cause) {
        return new UncheckedIOException("cannot " + action + " " + path + ": " + cause.getMessage(), cause);
    }
}
