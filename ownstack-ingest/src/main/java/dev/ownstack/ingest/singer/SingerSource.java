package dev.ownstack.ingest.singer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.BatchSource;
import dev.ownstack.ingest.IngestTables;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.ingest.Reject;
import dev.ownstack.warehouse.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Singer tap (https://github.com/singer-io/getting-started/blob/master/docs/SPEC.md): runs the
 * tap's command with its configuration and the last saved state, reads SCHEMA, RECORD and STATE
 * messages from its output, and loads each stream into {@code raw.<table-prefix><stream>}.
 *
 * <p>Commits follow Singer's at-least-once contract: the records read since the last commit are
 * committed in one warehouse transaction together with the STATE that follows them (stored in
 * {@code ownstack.source_state} under stream {@value #STATE_STREAM}); records after the last STATE
 * are committed with it when the tap exits with code 0. When the tap fails, is killed or sends a
 * bad line, everything since the last commit is rolled back and the next run resumes from the
 * committed state. Records of streams with key properties are upserted, so what a tap sends again
 * after a resume is never duplicated.
 */
public final class SingerSource implements BatchSource {
    public static final String STATE_STREAM = "singer";
    private static final int PROGRESS_EVERY = 1_000;

    private final SourceConfig.Singer config;
    private final long recordsPerCommit;
    private final SecretMask mask;

    /** Commits at every STATE message. */
    public SingerSource(SourceConfig.Singer config) {
        this(config, 0);
    }

    /**
     * Commits at a STATE message once at least {@code recordsPerCommit} records are pending, for
     * taps that send STATE after every record; the tap's last STATE is always committed.
     */
    public SingerSource(SourceConfig.Singer config, long recordsPerCommit) {
        this.config = Objects.requireNonNull(config, "config");
        if (recordsPerCommit < 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "records per commit must not be negative, got " + recordsPerCommit);
        }
        this.recordsPerCommit = recordsPerCommit;
        this.mask = new SecretMask(config.tapConfig());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public LoadResult load(Warehouse warehouse, LoadProgress progress) {
        Instant started = Instant.now();
        Optional<String> saved = IngestTables.state(warehouse, config.name(), STATE_STREAM);
        Run run = new Run(progress);
        try (TapProcess tap = TapProcess.start(config, saved, mask)) {
            boolean more = true;
            while (more) {
                more = warehouse.inTransaction(transaction -> run.untilCommit(transaction, tap));
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(run.recordsRead + " records read, " + run.commits + " commits" + (saved.isPresent() ? ", resumed from saved state" : ""));
        run.ignored.forEach((type, count) -> notes.add(count + " " + type + " messages ignored"));
        return new LoadResult(config.name(), run.rowsByTable, run.rejected, notes, Duration.between(started, Instant.now()));
    }

    /** What one run has read so far; lives across its transactions. */
    private final class Run {
        private final LoadProgress progress;
        private final Map<String, StreamBatch> streams = new LinkedHashMap<>();
        private final Map<String, Long> recordNumbers = new LinkedHashMap<>();
        private final Map<TableName, List<Reject>> rejects = new LinkedHashMap<>();
        private final Map<String, Long> rowsByTable = new LinkedHashMap<>();
        private final Map<String, Long> ignored = new LinkedHashMap<>();
        private JsonNode pendingState;
        private long pendingRecords;
        private long lineNumber;
        private long recordsRead;
        private long rejected;
        private long commits;

        Run(LoadProgress progress) {
            this.progress = progress;
        }

        /** Reads messages until a commit point and commits there; false once the tap has ended. */
        boolean untilCommit(Warehouse warehouse, TapProcess tap) {
            while (true) {
                Optional<String> line = tap.readLine();
                if (line.isEmpty()) {
                    int exit = tap.waitForExit();
                    if (exit != 0) {
                        String tail = tap.stderrTail();
                        throw new OwnstackException(ErrorCode.SOURCE_FAILED, "tap of source '" + config.name() + "' exited with code " + exit
                                + " after " + lineNumber + " output lines; records since the last committed STATE were rolled back"
                                + (tail.isEmpty() ? "; it wrote nothing to stderr" : "; last lines of its stderr:\n" + tail));
                    }
                    commit(warehouse);
                    return false;
                }
                lineNumber++;
                if (line.get().isBlank()) {
                    continue;
                }
                SingerMessage message = SingerMessage.parse(line.get(), lineNumber, config.name(), mask);
                if (message instanceof SingerMessage.Schema schema) {
                    define(warehouse, schema);
                } else if (message instanceof SingerMessage.Record record) {
                    record(warehouse, record);
                } else if (message instanceof SingerMessage.State state) {
                    pendingState = state.value();
                    if (pendingRecords >= recordsPerCommit) {
                        commit(warehouse);
                        return true;
                    }
                } else if (message instanceof SingerMessage.Other other) {
                    ignored.merge(other.type(), 1L, Long::sum);
                }
            }
        }

        private void define(Warehouse warehouse, SingerMessage.Schema message) {
            StreamSchema declared = StreamSchema.of(message, config.tablePrefix(), config.name());
            List<Column> present = warehouse.ensureTable(declared.table(), declared.columns(), List.of());
            StreamSchema schema = declared.withTypes(present);
            StreamBatch batch = streams.get(message.stream());
            if (batch == null) {
                streams.put(message.stream(), new StreamBatch(schema));
            } else {
                batch.evolve(warehouse, schema);
            }
        }

        private void record(Warehouse warehouse, SingerMessage.Record message) {
            StreamBatch batch = streams.get(message.stream());
            if (batch == null) {
                throw new OwnstackException(ErrorCode.SOURCE_FAILED, "tap of source '" + config.name() + "': output line " + lineNumber
                        + " is a RECORD of stream '" + message.stream() + "' before any SCHEMA for it");
            }
            long number = recordNumbers.merge(message.stream(), 1L, Long::sum);
            recordsRead++;
            StreamSchema.Row row = batch.schema().convert(message.record());
            if (row.mismatch().isPresent()) {
                StreamSchema.Mismatch mismatch = row.mismatch().get();
                String location = "stream " + message.stream() + ", record " + number + " (output line " + lineNumber + ")";
                String value = mismatch.value().length() > 100 ? mismatch.value().substring(0, 100) + "..." : mismatch.value();
                Reject reject = new Reject(location, mismatch.property(), mismatch.reason() + ", got " + value, message.record().toString());
                if (config.onError() == OnError.FAIL) {
                    throw new OwnstackException(ErrorCode.INPUT_INVALID, "source '" + config.name() + "': " + reject.message()
                            + " (set on-error: skip to load the other records and keep this one in " + IngestTables.REJECTS + ")");
                }
                rejects.computeIfAbsent(batch.schema().table(), table -> new ArrayList<>()).add(reject);
            } else {
                batch.add(warehouse, row.values());
            }
            pendingRecords++;
            if (recordsRead % PROGRESS_EVERY == 0) {
                progress.update(config.name(), message.stream(), recordsRead);
            }
        }

        private void commit(Warehouse warehouse) {
            Map<String, Long> written = new LinkedHashMap<>();
            for (StreamBatch batch : streams.values()) {
                written.merge(batch.schema().table().toString(), batch.commit(warehouse), Long::sum);
            }
            long rejectedNow = 0;
            for (Map.Entry<TableName, List<Reject>> entry : rejects.entrySet()) {
                try (IngestTables.RejectWriter writer = IngestTables.rejects(warehouse, config.name(), entry.getKey())) {
                    entry.getValue().forEach(writer::write);
                    rejectedNow += writer.count();
                }
            }
            if (pendingState != null) {
                IngestTables.saveState(warehouse, config.name(), STATE_STREAM, pendingState.toString());
            }
            // counted as done here; a failing commit ends the run with an error anyway
            written.forEach((table, rows) -> rowsByTable.merge(table, rows, Long::sum));
            rejected += rejectedNow;
            rejects.clear();
            pendingState = null;
            pendingRecords = 0;
            commits++;
            progress.update(config.name(), "commit", recordsRead);
        }
    }
}
