package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.activation.sync.delivery.DeliveryListener;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes what the destination did with each record of a run into {@code ownstack.sync_state} and
 * {@code ownstack.sync_errors}: results are buffered and flushed set-based, every
 * {@code flushRecords} results or {@code flushInterval}, and at the end, each flush one
 * transaction on its own connection. An accepted record's state takes the hash it was sent with
 * (kept by the {@link Diff} while the record is in flight) and its error row is cleared; a removed record's state is deleted; a
 * rejected record's error row is written or updated (its first failure kept while its hash stays
 * the same). A crash loses at most the results not yet flushed: those records are in the next
 * run's diff again. Thread-safe: the sender's threads report here.
 */
final class StateWriter implements DeliveryListener, AutoCloseable {
    private static final List<Column> RESULT_COLUMNS = List.of(new Column("record_key", ColumnType.STRING),
            new Column("operation", ColumnType.STRING), new Column("accepted", ColumnType.BOOLEAN),
            new Column("destination_id", ColumnType.STRING), new Column("fields", ColumnType.STRING),
            new Column("error_class", ColumnType.STRING), new Column("message", ColumnType.STRING), new Column("attempts", ColumnType.BIGINT),
            new Column("fields_hash", ColumnType.STRING));
    static final int SAMPLES = 10;

    private final Warehouse warehouse;
    private final SqlDialect dialect;
    private final String sync;
    private final long runId;
    private final Function<String, Diff.Pending> answered;
    private final TableName results;
    private final Clock clock;
    private final int flushRecords;
    private final Duration flushInterval;
    private final List<Object[]> buffer = new ArrayList<>();
    /** Accepted adds, changes and removes in the buffer. */
    private final long[] pendingCounts = new long[3];
    private final List<String> samples = new ArrayList<>();
    private final Map<String, Long> reported = new TreeMap<>();
    private Instant lastFlush;
    private long added;
    private long changed;
    private long removed;
    private long failed;

    /** @param warehouse a connection of its own, not the one streaming the records */
    /** @param answered the kind and hash each record was sent with, by key, asked once per record */
    StateWriter(Warehouse warehouse, String sync, long runId, Function<String, Diff.Pending> answered, Clock clock, int flushRecords,
                Duration flushInterval) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.sync = sync;
        this.runId = runId;
        this.answered = answered;
        this.results = resultsTable(runId);
        this.clock = clock;
        this.flushRecords = flushRecords;
        this.flushInterval = flushInterval;
        this.lastFlush = clock.instant();
        warehouse.execute("DROP TABLE IF EXISTS " + dialect.table(results));
        warehouse.execute(dialect.createTableIfNotExists(results, RESULT_COLUMNS, List.of()));
    }

    static TableName resultsTable(long runId) {
        return new TableName(TableName.OWNSTACK_SCHEMA, "sync_results_" + runId);
    }

    @Override
    public synchronized void accepted(Operation operation, List<SyncRecord> records, List<RecordResult> results) {
        for (int i = 0; i < records.size(); i++) {
            SyncRecord record = records.get(i);
            RecordResult result = results.get(i);
            String fields = operation == Operation.REMOVE ? null : RecordValues.json(record.fields());
            Diff.Pending sent = answered.apply(record.key());
            String destinationId = result.destinationId().or(record::destinationId).orElse(null);
            buffer.add(new Object[] {record.key(), operation.name(), true, destinationId, fields, null, null, 0L, sent.fieldsHash()});
            switch (sent.kind()) {
                case DiffSql.ADD -> pendingCounts[0]++;
                case DiffSql.CHANGE -> pendingCounts[1]++;
                default -> pendingCounts[2]++;
            }
        }
        flushIfDue();
    }

    @Override
    public synchronized void rejected(Operation operation, SyncRecord record, RecordResult result, int attempts) {
        String errorClass = result.errorClass().map(Enum::name).orElse("PERMANENT");
        Diff.Pending sent = answered.apply(record.key());
        buffer.add(new Object[] {record.key(), operation.name(), false, null, null, errorClass, result.message(), (long) attempts,
            sent.fieldsHash()});
        failed++;
        if (samples.size() < SAMPLES) {
            samples.add(record.key() + ": " + result.message());
        }
        flushIfDue();
    }

    @Override
    public synchronized void reported(Map<String, Long> counts) {
        counts.forEach((name, count) -> reported.merge(name, count, Long::sum));
    }

    /** The destination's own counts summed over the run's requests, by name. */
    synchronized Map<String, Long> reported() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(reported));
    }

    private void flushIfDue() {
        if (buffer.size() >= flushRecords || !clock.instant().isBefore(lastFlush.plus(flushInterval))) {
            flush();
        }
    }

    /** Writes every buffered result now. */
    synchronized void flush() {
        if (buffer.isEmpty()) {
            lastFlush = clock.instant();
            return;
        }
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        warehouse.inTransaction(tx -> {
            try (RowWriter writer = tx.append(results, RESULT_COLUMNS.stream().map(Column::name).toList())) {
                buffer.forEach(writer::write);
            }
            String state = dialect.table(SyncTables.STATE);
            String errors = dialect.table(SyncTables.ERRORS);
            String acceptedKeys = "(SELECT " + q("record_key") + " FROM " + dialect.table(results) + " WHERE " + q("accepted") + ")";
            tx.execute("DELETE FROM " + state + " WHERE " + q("sync") + " = ? AND " + q("record_key") + " IN " + acceptedKeys, sync);
            tx.execute("INSERT INTO " + state + " (" + names(SyncTables.STATE_COLUMNS) + ") SELECT ?, " + q("record_key") + ", "
                    + q("fields_hash") + ", " + q("fields") + ", " + q("destination_id") + ", ?, ? FROM " + dialect.table(results) + " WHERE "
                    + q("accepted") + " AND " + q("operation") + " <> 'REMOVE'", sync, now, runId);
            tx.execute("DELETE FROM " + errors + " WHERE " + q("sync") + " = ? AND " + q("record_key") + " IN " + acceptedKeys, sync);
            String rejected = "(SELECT * FROM " + dialect.table(results) + " WHERE NOT " + q("accepted") + ") AS x";
            tx.execute("UPDATE " + errors + " AS e SET " + q("operation") + " = x." + q("operation") + ", " + q("error_class") + " = x."
                    + q("error_class") + ", " + q("message") + " = x." + q("message") + ", " + q("first_failed_at") + " = CASE WHEN e."
                    + q("fields_hash") + " = x." + q("fields_hash") + " THEN e." + q("first_failed_at") + " ELSE ? END, " + q("last_failed_at")
                    + " = ?, " + q("attempts") + " = CASE WHEN e." + q("fields_hash") + " = x." + q("fields_hash") + " THEN e." + q("attempts")
                    + " ELSE 0 END + x." + q("attempts") + ", " + q("run_id") + " = ?, " + q("fields_hash") + " = x." + q("fields_hash")
                    + " FROM " + rejected + " WHERE e." + q("sync") + " = ? AND e." + q("record_key") + " = x." + q("record_key"),
                    now, now, runId, sync);
            tx.execute("INSERT INTO " + errors + " (" + names(SyncTables.ERROR_COLUMNS) + ") SELECT ?, x." + q("record_key") + ", x."
                    + q("operation") + ", x." + q("error_class") + ", x." + q("message") + ", ?, ?, x." + q("attempts") + ", ?, x."
                    + q("fields_hash") + " FROM " + rejected + " WHERE NOT EXISTS (SELECT 1 FROM " + errors + " AS e WHERE e." + q("sync")
                    + " = ? AND e." + q("record_key") + " = x." + q("record_key") + ")", sync, now, now, runId, sync);
            tx.execute("DELETE FROM " + dialect.table(results));
            return null;
        });
        buffer.clear();
        // the interval counts from the end of a flush, so that slow flushes do not follow each other back to back
        lastFlush = clock.instant();
        added += pendingCounts[0];
        changed += pendingCounts[1];
        removed += pendingCounts[2];
        Arrays.fill(pendingCounts, 0);
    }

    private String names(List<Column> columns) {
        return columns.stream().map(column -> q(column.name())).collect(Collectors.joining(", "));
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    synchronized long added() {
        return added;
    }

    synchronized long changed() {
        return changed;
    }

    synchronized long removed() {
        return removed;
    }

    synchronized long failed() {
        return failed;
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }

    /** Drops the run's working table; the results still buffered are dropped too (flush first). */
    @Override
    public synchronized void close() {
        warehouse.execute("DROP TABLE IF EXISTS " + dialect.table(results));
    }
}
