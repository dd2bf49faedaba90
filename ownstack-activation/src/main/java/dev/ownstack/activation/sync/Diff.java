package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One diff of a sync against its state, on a connection of its own (the reader): computed once
 * into the diff table by {@link #compute}, then read as counts, samples or streamed records.
 * {@link #drop()} removes its working tables. Not thread-safe.
 */
final class Diff {
    /** The plan by the sync's mode, and how many records the source has. */
    record Plan(SyncPlanCounts counts, long sourceRecords) {
    }

    /** What the state writer needs of a streamed record once the destination answers: its kind and the hash it was sent with. */
    record Pending(String kind, String fieldsHash) {
    }

    private static final int SHOWN_KEYS = 5;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final Warehouse reader;
    private final SyncDefinition sync;
    private final SyncSourceSql source;
    private final DiffSql sql;

    Diff(Warehouse reader, SyncDefinition sync, SyncSourceSql source, String suffix) {
        this.reader = reader;
        this.sync = sync;
        this.source = source;
        this.sql = new DiffSql(reader.dialect(), source, suffix);
    }

    TableName table() {
        return sql.diffTable();
    }

    /**
     * Stages the source, checks its keys and writes the diff table.
     *
     * @throws OwnstackException {@code INPUT_INVALID} naming a few NULL or repeated keys
     */
    Plan compute(Instant now) {
        reader.execute(sql.dropStage());
        reader.execute(sql.createStage());
        List<Object> parameters = new ArrayList<>();
        parameters.add(source.fields().stream().map(field -> field.name().length() + ":" + field.name()).collect(Collectors.joining()) + "|");
        parameters.addAll(source.parameters());
        reader.execute(sql.fillStage(), parameters.toArray());
        long sourceRecords = checkKeys();
        reader.execute(sql.dropDiff());
        reader.execute(sql.createDiff());
        reader.execute(sql.fillDiff(), sync.name(), sync.name(), SyncHistory.utc(now.minus(sync.retryWindow())));
        reader.execute(sql.fillVanished(), sync.name(), sync.name());
        reader.execute(sql.dropStage());
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (Object[] row : reader.queryAll(sql.counts()).rows()) {
            kinds.put((String) row[0], ((Number) row[1]).longValue());
        }
        long destinationRecords = ((Number) reader.queryAll(sql.destinationRecords(), sync.name()).singleValue()).longValue();
        SyncMode mode = sync.mode();
        SyncPlanCounts counts = new SyncPlanCounts(kinds.getOrDefault(DiffSql.ADD, 0L), mode == SyncMode.ADD ? 0 : kinds.getOrDefault(DiffSql.CHANGE, 0L),
                mode.removes() ? kinds.getOrDefault(DiffSql.REMOVE, 0L) : 0, destinationRecords);
        return new Plan(counts, sourceRecords);
    }

    /**
     * The source's record count, once every key is set and unique: one count, and a search
     * for the offending keys only when there are some.
     */
    private long checkKeys() {
        Object[] counts = reader.queryAll(sql.keyCounts()).rows().get(0);
        long records = ((Number) counts[0]).longValue();
        if (records == ((Number) counts[1]).longValue() && ((Number) counts[2]).longValue() == 0) {
            return records;
        }
        List<Object[]> bad = reader.queryAll(sql.badKeys(SHOWN_KEYS + 1)).rows();
        String shown = bad.stream().limit(SHOWN_KEYS).map(row -> row[0] == null ? "NULL (" + row[1] + " records)" : "'" + row[0] + "' ("
                + row[1] + " records)").collect(Collectors.joining(", "));
        throw new OwnstackException(ErrorCode.INPUT_INVALID, "sync " + sync.name() + ": identifier column " + source.identifier()
                + " must be set and unique in the source, but " + (bad.size() > SHOWN_KEYS ? "these and more keys are" : "these keys are")
                + " NULL or repeated: " + shown + "; nothing was sent");
    }

    /** Deletes the error rows of records that left the source before they were ever accepted (for a run that sends, not a dry run). */
    void forgetVanishedErrors() {
        reader.execute(sql.forgetVanished(), sync.name());
    }

    /** The operation records of these kinds are sent with, by the sync's mode. */
    static Operation operation(SyncMode mode) {
        return mode == SyncMode.UPDATE ? Operation.UPDATE : Operation.UPSERT;
    }

    /** The kinds of diff rows the mode sends with {@link #operation}: adds, and changes unless the mode only adds. */
    static List<String> upsertKinds(SyncMode mode) {
        return mode == SyncMode.ADD ? List.of(DiffSql.ADD) : List.of(DiffSql.ADD, DiffSql.CHANGE);
    }

    /** Streams the diff rows of the kinds as records; the caller closes it. */
    StreamedRecords stream(List<String> kinds, Operation operation) {
        return new StreamedRecords(reader, sql.records(kinds, 0), List.of(), row -> {
            pending.put((String) row[0], new Pending((String) row[3], (String) row[4]));
            return record(row, operation);
        }, "sync-" + sync.name());
    }

    /**
     * The kind and hash of a streamed record the destination answered, forgotten here: only the
     * records in flight are held.
     */
    Pending answered(String key) {
        Pending answered = pending.remove(key);
        if (answered == null) {
            throw new OwnstackException(ErrorCode.INTERNAL, "sync " + sync.name() + ": the destination answered for record " + key
                    + ", which was not sent in this run or was answered twice");
        }
        return answered;
    }

    /** Up to {@code limit} records of one kind, in key order. */
    List<SyncRecord> sample(String kind, Operation operation, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return reader.queryAll(sql.records(List.of(kind), limit)).rows().stream().map(row -> record(row, operation)).toList();
    }

    /** Every record now in the destination by the state, in key order, as last sent. */
    StreamedRecords current() {
        return new StreamedRecords(reader, sql.current(), List.of(sync.name()),
                row -> new SyncRecord((String) row[0], RecordValues.fields((String) row[1]), Optional.ofNullable((String) row[2])),
                "sync-" + sync.name() + "-snapshot");
    }

    private SyncRecord record(Object[] row, Operation operation) {
        Optional<String> destinationId = Optional.ofNullable((String) row[1]);
        if (operation == Operation.REMOVE) {
            return new SyncRecord((String) row[0], RecordValues.fields((String) row[2]), destinationId);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < source.fields().size(); i++) {
            fields.put(source.fields().get(i).name(), RecordValues.value(row[5 + i]));
        }
        return new SyncRecord((String) row[0], fields, destinationId);
    }

    /** Drops the stage and the diff table. */
    void drop() {
        reader.execute(sql.dropStage());
        reader.execute(sql.dropDiff());
    }
}
