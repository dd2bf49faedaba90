package dev.ownstack.insights.churn;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data sets next to the repository ({@code ../shared/data} from its root), found by
 * walking up from the working directory. Missing data fails the test: it never skips.
 */
final class SharedData {
    private SharedData() {
    }

    /** The folder of the Online Retail data set split into one CSV file per day. */
    static Path onlineRetailByDay() {
        for (Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/data/online_retail/by-day");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/online_retail/by-day not found in any folder above "
                + System.getProperty("user.dir") + "; the repository must sit next to the shared data folder");
    }
}
