package dev.ownstack.core.config;

import java.util.List;

/** How CSV files of a source are read. */
public record CsvOptions(char delimiter, char quote, boolean header, List<String> nullValues) {
    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', true, List.of(""));

    public CsvOptions {
        nullValues = List.copyOf(nullValues);
    }
}
