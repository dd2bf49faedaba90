package dev.ownstack.cli.generate;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished run wrote.
 *
 * @param rowsByFile data rows per file name, header lines not counted, in the order the files are documented
 * @param totalRows sum of {@code rowsByFile}
 * @param elapsed wall-clock time of the run
 */
public record GeneratorSummary(Map<String, Long> rowsByFile, long totalRows, Duration elapsed) {

    public GeneratorSummary {
        rowsByFile = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rowsByFile, "rowsByFile")));
        Objects.requireNonNull(elapsed, "elapsed");
        long sum = rowsByFile.values().stream().mapToLong(Long::longValue).sum();
        if (sum != totalRows) {
            throw new IllegalArgumentException("totalRows must equal the sum of rowsByFile (" + sum + "), got " + totalRows);
        }
    }

    /** Rows per second of wall-clock time; the whole count when the run took no measurable time. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? totalRows / seconds : totalRows;
    }
}
