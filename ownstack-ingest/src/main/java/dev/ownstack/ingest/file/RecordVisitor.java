package dev.ownstack.ingest.file;

import dev.ownstack.core.table.ColumnType;
import java.util.List;
import java.util.Optional;

/** Receives what a {@link RecordReader} reads, on the reading thread. */
interface RecordVisitor {

    /** Called once before any record: the file's columns as named in the file. */
    void columns(List<SourceColumn> columns);

    /**
     * A well-formed record. {@code values} (owned by the visitor) has one entry per column: null,
     * String, Long, Integer, Double, BigDecimal, Boolean, LocalDate, LocalDateTime, OffsetDateTime
     * or {@link JsonText}.
     */
    void record(long line, Object[] values);

    /** A record that cannot be read as a row, with the reason and its raw text. */
    void malformed(long line, String reason, String rawText);

    /** A column as the file names it, and its type where the file declares one (Parquet). */
    record SourceColumn(String name, Optional<ColumnType> declaredType) {
        public SourceColumn {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(declaredType, "declaredType");
        }
    }
}
