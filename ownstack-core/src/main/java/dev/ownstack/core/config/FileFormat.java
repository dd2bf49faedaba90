package dev.ownstack.core.config;

import java.util.Locale;
import java.util.Optional;

/** File formats batch ingestion reads. */
public enum FileFormat {
    CSV("csv"),
    JSONL("jsonl"),
    PARQUET("parquet");

    private final String configName;

    FileFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The format implied by a file name: .csv/.tsv/.txt, .jsonl/.ndjson/.json, .parquet (optionally .gz). */
    public static Optional<FileFormat> fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Optional.of(JSONL);
        }
        if (name.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        return Optional.empty();
    }
}
