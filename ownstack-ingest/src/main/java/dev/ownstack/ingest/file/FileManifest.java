package dev.ownstack.ingest.file;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ownstack.loaded_files}: one row per file loaded into a table, written in the transaction
 * that loads the file. A file whose path and content hash are here is loaded; one whose path is
 * here with another hash has changed.
 */
final class FileManifest {
    static final TableName TABLE = new TableName(TableName.OWNSTACK_SCHEMA, "loaded_files");

    private static final List<Column> COLUMNS = List.of(
            new Column("target_table", ColumnType.STRING),
            new Column("file_path", ColumnType.STRING),
            new Column("size_bytes", ColumnType.BIGINT),
            new Column("modified_at", ColumnType.TIMESTAMPTZ),
            new Column("sha256", ColumnType.STRING),
            new Column("rows_loaded", ColumnType.BIGINT),
            new Column("rows_rejected", ColumnType.BIGINT),
            new Column("source", ColumnType.STRING),
            new Column("loaded_at", ColumnType.TIMESTAMPTZ));

    private static final int ROWS_PER_INSERT = 100;

    private FileManifest() {
    }

    /** The content hash of every file loaded into the table, by path. */
    static Map<String, String> loadedFiles(Warehouse warehouse, TableName target) {
        warehouse.ensureTable(TABLE, COLUMNS, List.of());
        Map<String, String> hashes = new HashMap<>();
        for (Object[] row : warehouse.queryAll("SELECT file_path, sha256 FROM " + warehouse.dialect().table(TABLE)
                + " WHERE target_table = ?", target.toString()).rows()) {
            hashes.put((String) row[0], (String) row[1]);
        }
        return hashes;
    }

    /** Forgets a file whose content changed; call in the transaction that reloads it. */
    static void forget(Warehouse warehouse, TableName target, FileFingerprint file) {
        warehouse.execute("DELETE FROM " + warehouse.dialect().table(TABLE) + " WHERE target_table = ? AND file_path = ?",
                target.toString(), file.pathText());
    }

    /** One loaded file, as the manifest records it. */
    record Entry(FileFingerprint file, long rows, long rejected) {
        Entry {
            java.util.Objects.requireNonNull(file, "file");
        }
    }

    /**
     * Records loaded files; call in the transaction that loads them. One statement per hundred
     * files: preparing a statement per file would cost more than loading many small files.
     */
    static void record(Warehouse warehouse, TableName target, String source, List<Entry> entries, OffsetDateTime loadedAt) {
        String insert = "INSERT INTO " + warehouse.dialect().table(TABLE) + " (target_table, file_path, size_bytes, modified_at, sha256,"
                + " rows_loaded, rows_rejected, source, loaded_at) VALUES ";
        for (int start = 0; start < entries.size(); start += ROWS_PER_INSERT) {
            List<Entry> chunk = entries.subList(start, Math.min(entries.size(), start + ROWS_PER_INSERT));
            List<Object> parameters = new ArrayList<>(chunk.size() * COLUMNS.size());
            for (Entry entry : chunk) {
                FileFingerprint file = entry.file();
                parameters.addAll(List.of(target.toString(), file.pathText(), file.size(), file.modifiedAt(), file.sha256(), entry.rows(),
                        entry.rejected(), source, loadedAt));
            }
            String values = String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            warehouse.execute(insert + values, parameters.toArray());
        }
    }
}
