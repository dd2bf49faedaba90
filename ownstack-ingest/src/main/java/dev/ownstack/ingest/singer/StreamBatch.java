package dev.ownstack.ingest.singer;

import dev.ownstack.ingest.IngestTables;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The records of one stream since the last commit. Rows are buffered in memory up to
 * {@link #FLUSH_ROWS}, then written inside the open transaction: streams with key properties go to
 * a staging table ({@code raw._stage_<table>}) that {@link #commit} reduces to the last record per
 * key and merges into the target, so records a tap sends again after a resume update rather than
 * duplicate; streams without keys are appended to the target.
 */
final class StreamBatch {
    static final int FLUSH_ROWS = 5_000;
    private static final String SEQUENCE = "_ownstack_record";

    private StreamSchema schema;
    private final List<Object[]> pending = new ArrayList<>();
    private final Set<String> stagedColumns = new LinkedHashSet<>();
    private boolean staged;
    private long sequence;
    private long rows;

    StreamBatch(StreamSchema schema) {
        this.schema = schema;
    }

    StreamSchema schema() {
        return schema;
    }

    /** Switches to a newer SCHEMA of the stream; rows buffered under the older one are written first. */
    void evolve(Warehouse warehouse, StreamSchema next) {
        flush(warehouse);
        schema = next;
    }

    void add(Warehouse warehouse, Object[] row) {
        if (!schema.keyProperties().isEmpty()) {
            row = Arrays.copyOf(row, row.length + 1);
            row[row.length - 1] = ++sequence;
        }
        pending.add(row);
        rows++;
        if (pending.size() >= FLUSH_ROWS) {
            flush(warehouse);
        }
    }

    private void flush(Warehouse warehouse) {
        if (pending.isEmpty()) {
            return;
        }
        List<Column> columns = schema.columns();
        List<String> names = new ArrayList<>(columns.stream().map(Column::name).toList());
        TableName into = schema.table();
        if (!schema.keyProperties().isEmpty()) {
            into = IngestTables.stagingTable(schema.table());
            List<Column> stageColumns = new ArrayList<>(columns);
            stageColumns.add(new Column(SEQUENCE, ColumnType.BIGINT));
            if (!staged) {
                warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(into));
                staged = true;
            }
            warehouse.ensureTable(into, stageColumns, List.of());
            stagedColumns.addAll(names);
            names.add(SEQUENCE);
        }
        try (RowWriter writer = warehouse.append(into, names)) {
            pending.forEach(writer::write);
        }
        pending.clear();
    }

    /** Writes what is buffered and, for keyed streams, merges the staged records; returns the records since the last commit. */
    long commit(Warehouse warehouse) {
        flush(warehouse);
        if (staged) {
            SqlDialect dialect = warehouse.dialect();
            TableName stage = IngestTables.stagingTable(schema.table());
            List<String> keys = schema.keyColumns();
            String keyList = keys.stream().map(dialect::quote).collect(Collectors.joining(", "));
            warehouse.execute("DELETE FROM " + dialect.table(stage) + " WHERE " + dialect.quote(SEQUENCE) + " NOT IN (SELECT max("
                    + dialect.quote(SEQUENCE) + ") FROM " + dialect.table(stage) + " GROUP BY " + keyList + ")");
            warehouse.merge(schema.table(), stage, List.copyOf(stagedColumns), keys);
            warehouse.execute("DROP TABLE " + dialect.table(stage));
            staged = false;
            stagedColumns.clear();
        }
        long committed = rows;
        rows = 0;
        sequence = 0;
        return committed;
    }
}
