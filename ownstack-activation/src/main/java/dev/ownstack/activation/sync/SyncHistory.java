package dev.ownstack.activation.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Reads and writes the rows of {@code ownstack.sync_runs}, and reads {@code ownstack.sync_errors}. One call at a time per warehouse. */
final class SyncHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_SELECT = "run_id, sync, status, started_at, finished_at, planned_adds, planned_changes, planned_removes,"
            + " destination_records, added, changed, removed, failed, message, error_samples, approves, vendor_counts";

    /** A RUNNING row as the start of a run sees it. */
    record Running(long runId, String runner, Instant heartbeatAt, boolean dryRun) {
    }

    private final Warehouse warehouse;
    private final SqlDialect dialect;

    SyncHistory(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
    }

    /**
     * Takes the next global run id and inserts the run RUNNING, in one transaction. The id is read
     * before the check for a running run, so that two processes starting the same sync at once
     * either see each other's row or collide on the id.
     *
     * @throws OwnstackException CONFLICT when {@code conflicts} finds a running run, or another
     *     process took the same id
     */
    long start(String sync, boolean dryRun, Instant at, String runner, Optional<Long> approves, Consumer<Warehouse> conflicts) {
        try {
            return warehouse.inTransaction(tx -> {
                long runId = number(tx.queryAll("SELECT COALESCE(max(" + q("run_id") + "), 0) + 1 FROM " + table()).singleValue());
                conflicts.accept(tx);
                tx.execute("INSERT INTO " + table() + " (" + cols("run_id, sync, status, started_at, heartbeat_at, runner, dry_run, planned_adds,"
                        + " planned_changes, planned_removes, destination_records, added, changed, removed, failed, message, error_samples,"
                        + " approves") + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, '', '[]', ?)", runId, sync,
                        SyncRunStatus.RUNNING.name(), utc(at), utc(at), runner, dryRun, approves.orElse(null));
                return runId;
            });
        } catch (OwnstackException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                throw e;
            }
            if (e.code() == ErrorCode.WAREHOUSE_BUSY || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("duplicate")) {
                throw new OwnstackException(ErrorCode.CONFLICT, "sync " + sync + " could not start: another run started at the same moment ("
                        + e.getMessage() + "); try again", e);
            }
            throw e;
        }
    }

    /** The RUNNING rows of the sync, dry runs included. */
    List<Running> running(Warehouse on, String sync) {
        List<Running> running = new ArrayList<>();
        for (Object[] row : on.queryAll("SELECT " + cols("run_id, runner, heartbeat_at, dry_run") + " FROM " + table() + " WHERE "
                + q("sync") + " = ? AND " + q("status") + " = ? ORDER BY " + q("run_id"), sync, SyncRunStatus.RUNNING.name()).rows()) {
            running.add(new Running(number(row[0]), String.valueOf(row[1]), instant(row[2]), Boolean.TRUE.equals(row[3])));
        }
        return running;
    }

    void heartbeat(long runId, Instant at) {
        warehouse.execute("UPDATE " + table() + " SET " + q("heartbeat_at") + " = ? WHERE " + q("run_id") + " = ? AND " + q("status") + " = ?",
                utc(at), runId, SyncRunStatus.RUNNING.name());
    }

    void planned(long runId, SyncPlanCounts planned) {
        warehouse.execute("UPDATE " + table() + " SET " + q("planned_adds") + " = ?, " + q("planned_changes") + " = ?, " + q("planned_removes")
                + " = ?, " + q("destination_records") + " = ? WHERE " + q("run_id") + " = ?", planned.adds(), planned.changes(),
                planned.removes(), planned.destinationRecords(), runId);
    }

    /** Ends a run: its status, counts, message and samples; also ends a RUNNING row found abandoned. */
    void finish(long runId, SyncRunStatus status, Instant at, long added, long changed, long removed, long failed, String message,
                List<String> samples) {
        finish(runId, status, at, added, changed, removed, failed, message, samples, Map.of());
    }

    /** @param vendorCounts what the destination reported over the run, by name */
    void finish(long runId, SyncRunStatus status, Instant at, long added, long changed, long removed, long failed, String message,
                List<String> samples, Map<String, Long> vendorCounts) {
        warehouse.execute("UPDATE " + table() + " SET " + q("status") + " = ?, " + q("finished_at") + " = ?, " + q("heartbeat_at") + " = ?, "
                + q("added") + " = ?, " + q("changed") + " = ?, " + q("removed") + " = ?, " + q("failed") + " = ?, " + q("message") + " = ?, "
                + q("error_samples") + " = ?, " + q("vendor_counts") + " = ? WHERE " + q("run_id") + " = ?", status.name(), utc(at), utc(at),
                added, changed, removed, failed, message, json(samples), vendorCounts.isEmpty() ? null : json(vendorCounts), runId);
    }

    void abandon(Warehouse on, long runId, Instant at, String why) {
        on.execute("UPDATE " + table() + " SET " + q("status") + " = ?, " + q("finished_at") + " = ?, " + q("message") + " = ? WHERE "
                + q("run_id") + " = ? AND " + q("status") + " = ?", SyncRunStatus.ABANDONED.name(), utc(at), why, runId,
                SyncRunStatus.RUNNING.name());
    }

    /** Marks an AWAITING_APPROVAL run APPROVED; false when it was not awaiting approval any more. */
    boolean approve(long runId, long approvingRun) {
        return warehouse.execute("UPDATE " + table() + " SET " + q("status") + " = ?, " + q("message") + " = ? WHERE " + q("run_id") + " = ? AND "
                + q("status") + " = ?", SyncRunStatus.APPROVED.name(), "approved; run " + approvingRun + " sends its changes", runId,
                SyncRunStatus.AWAITING_APPROVAL.name()) == 1;
    }

    Optional<SyncRun> find(long runId) {
        if (!SyncTables.exists(warehouse, SyncTables.RUNS)) {
            return Optional.empty();
        }
        return warehouse.queryAll("SELECT " + cols(RUN_SELECT) + " FROM " + table() + " WHERE " + q("run_id") + " = ?", runId).rows().stream()
                .findFirst().map(SyncHistory::run);
    }

    List<SyncRun> runs(String sync, int limit) {
        if (!SyncTables.exists(warehouse, SyncTables.RUNS)) {
            return List.of();
        }
        return warehouse.queryAll("SELECT " + cols(RUN_SELECT) + " FROM " + table() + " WHERE " + q("sync") + " = ? ORDER BY " + q("run_id")
                + " DESC LIMIT " + limit, sync).rows().stream().map(SyncHistory::run).toList();
    }

    List<SyncError> errors(String sync, int limit) {
        if (!SyncTables.exists(warehouse, SyncTables.ERRORS)) {
            return List.of();
        }
        String sql = "SELECT " + cols("record_key, operation, error_class, message, first_failed_at, last_failed_at, attempts, run_id") + " FROM "
                + dialect.table(SyncTables.ERRORS) + " WHERE " + q("sync") + " = ? ORDER BY " + q("last_failed_at") + " DESC, " + q("record_key")
                + " LIMIT " + limit;
        return warehouse.queryAll(sql, sync).rows().stream().map(row -> new SyncError(sync, (String) row[0], Operation.valueOf((String) row[1]),
                ErrorClass.valueOf((String) row[2]), String.valueOf(row[3]), instant(row[4]), instant(row[5]), number(row[6]), number(row[7])))
                .toList();
    }

    private static SyncRun run(Object[] row) {
        return new SyncRun((String) row[1], number(row[0]), SyncRunStatus.valueOf((String) row[2]), instant(row[3]),
                Optional.ofNullable(row[4]).map(SyncHistory::instant), new SyncPlanCounts(number(row[5]), number(row[6]), number(row[7]),
                number(row[8])), number(row[9]), number(row[10]), number(row[11]), number(row[12]), String.valueOf(row[13]), samples(row[14]),
                Optional.ofNullable(row[15]).map(SyncHistory::number), vendorCounts(row[16]));
    }

    private static List<String> samples(Object json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue((String) json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "error_samples of a run in " + SyncTables.RUNS + " is not a JSON list: " + json, e);
        }
    }

    private static Map<String, Long> vendorCounts(Object json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue((String) json, new TypeReference<Map<String, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "vendor_counts of a run in " + SyncTables.RUNS + " is not a JSON object of counts: "
                    + json, e);
        }
    }

    private static String json(Object samples) {
        try {
            return JSON.writeValueAsString(samples);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write error samples as JSON", e);
        }
    }

    private String table() {
        return dialect.table(SyncTables.RUNS);
    }

    private String cols(String names) {
        return List.of(names.split(",")).stream().map(String::strip).map(this::q).collect(Collectors.joining(", "));
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
