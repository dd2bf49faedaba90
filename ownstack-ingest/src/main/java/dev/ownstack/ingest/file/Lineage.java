package dev.ownstack.ingest.file;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import java.util.List;

/** The columns every file-loaded row carries: where it came from and when it was loaded. */
final class Lineage {
    /** The absolute path of the file, as in the manifest. */
    static final String FILE = "_ownstack_file";
    /** The line the record starts on (CSV, JSON lines) or the row's position (Parquet), from 1. */
    static final String LINE = "_ownstack_line";
    /** When the transaction that loaded the file started. */
    static final String LOADED_AT = "_ownstack_loaded_at";

    static final List<Column> COLUMNS = List.of(
            new Column(FILE, ColumnType.STRING),
            new Column(LINE, ColumnType.BIGINT),
            new Column(LOADED_AT, ColumnType.TIMESTAMPTZ));

    private Lineage() {
    }

    static boolean isLineage(String column) {
        return column.equals(FILE) || column.equals(LINE) || column.equals(LOADED_AT);
    }
}
