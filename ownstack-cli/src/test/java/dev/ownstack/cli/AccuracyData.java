package dev.ownstack.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files the accuracy test reads from outside this module, found by walking up from the working
 * directory: the shared data sets next to the repository ({@code ../shared/data}) and the
 * configurations in the repository's {@code bench/identity}. A missing file fails the test: it
 * never skips.
 */
final class AccuracyData {
    private AccuracyData() {
    }

    /** A file under {@code shared/data}, such as {@code identity/splink/fake_1000.csv}. */
    static Path shared(String relative) {
        return find("shared/data/" + relative, "the repository must sit next to the shared data folder");
    }

    /** A configuration under the repository's {@code bench/identity}, such as {@code febrl.yml}. */
    static Path config(String name) {
        return find("bench/identity/" + name, "it belongs to the repository");
    }

    private static Path find(String relative, String hint) {
        for (Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found in any folder above " + System.getProperty("user.dir") + "; " + hint);
    }
}
