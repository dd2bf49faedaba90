package dev.ownstack.cli.generate;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The two kinds of failure a run reports: a bad option (the user fixes it) and a file that cannot
 * be written (the disk or the directory is at fault).
 */
final class GeneratorErrors {

    private GeneratorErrors() {
    }

    static OwnstackException badOption(String message) {
        return new OwnstackException(ErrorCode.ARGUMENT_INVALID, message);
    }

    static OwnstackException cannot(String action, Path path, IOException cause) {
        return new OwnstackException(ErrorCode.IO_FAILED, "cannot " + action + " " + path + ": " + cause.getMessage(), cause);
    }
}
