package dev.ownstack.ingest;

import java.util.Objects;

/**
 * A row a source could not load: where it was ({@code file.csv:17} or {@code stream users, record
 * 120}), which column, why, and the raw text of the row as read.
 */
public record Reject(String location, String column, String reason, String rawRow) {
    public Reject {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawRow, "rawRow");
    }

    /** The message for the fail-fast policy: file, line and column. */
    public String message() {
        return location + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
    }
}
