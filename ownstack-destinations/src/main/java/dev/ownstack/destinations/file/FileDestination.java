package dev.ownstack.destinations.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes each run as files: {@code <sync>/<run>/added-00000.csv}, {@code removed-…} and/or
 * {@code snapshot-…}, then {@code _manifest.json} last, so a reader that waits for the manifest
 * never sees a partial run. {@link #write} spools batches to local disk and accepts them (a
 * record whose field is named like the key column, or whose CSV columns differ from the run's
 * first record, is rejected permanently); {@link #finish} writes the files and publishes them to
 * the {@link FileStore}. A resumed run keeps what the killed attempt spooled.
 */
public final class FileDestination implements Destination {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String name;
    private final FileSettings settings;
    private final FileStore store;
    private final Map<Long, Spool> spools = new HashMap<>();
    private final Map<Long, List<String>> columns = new HashMap<>();

    public FileDestination(String name, FileSettings settings, FileStore store) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public CheckResult check() {
        return store.check();
    }

    @Override
    public synchronized void start(RunInfo run) {
        spool(run);
    }

    @Override
    public synchronized BatchResult write(RecordBatch batch) {
        if (!settings.files().changes()) {
            return BatchResult.allAccepted(batch);
        }
        Spool spool = spool(batch.run());
        List<RecordResult> results = new ArrayList<>(batch.size());
        List<SyncRecord> accepted = new ArrayList<>(batch.size());
        List<String> runColumns = columns.get(batch.run().runId());
        for (SyncRecord record : batch.records()) {
            List<String> names = List.copyOf(record.fields().keySet());
            if (batch.operation() == Operation.UPDATE) {
                results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "a file destination takes upserts and removes, not updates"));
            } else if (names.contains(settings.keyColumn())) {
                results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "field '" + settings.keyColumn()
                        + "' has the name of the key column; map it to another name or set key-column"));
            } else if (settings.format() == RecordFormat.CSV && batch.operation() != Operation.REMOVE && runColumns != null
                    && !runColumns.equals(names)) {
                results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "fields " + names
                        + " differ from the columns of this run's CSV file " + runColumns));
            } else {
                if (runColumns == null && batch.operation() != Operation.REMOVE) {
                    runColumns = names;
                }
                accepted.add(record);
                results.add(RecordResult.accepted(record.key()));
            }
        }
        try {
            spool.append(new RecordBatch(batch.id(), batch.run(), batch.operation(), accepted, batch.attempt()));
        } catch (IOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "destination " + name + ": cannot spool batch " + batch.id()
                    + " to local disk: " + e.getMessage(), Optional.empty(), e);
        }
        if (runColumns != null) {
            columns.put(batch.run().runId(), runColumns);
        }
        return new BatchResult(results);
    }

    @Override
    public synchronized void finish(RunInfo run, Iterator<SyncRecord> current) {
        Spool spool = spool(run);
        String folder = run.sync() + "/" + run.runId();
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            if (settings.files().changes()) {
                try (Stream<SyncRecord> added = spool.records(Operation.UPSERT)) {
                    counts.put("added", publish(spool, folder, "added", added.iterator(), files));
                }
                try (Stream<SyncRecord> removed = spool.records(Operation.REMOVE)) {
                    counts.put("removed", publish(spool, folder, "removed", removed.iterator(), files));
                }
            }
            if (settings.files().snapshot()) {
                counts.put("snapshot", publish(spool, folder, "snapshot", normal(current), files));
            }
            Path manifest = spool.scratch().resolve("_manifest.json");
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), manifest(run, counts, files));
            store.publish(folder + "/_manifest.json", manifest);
            spools.remove(run.runId());
            columns.remove(run.runId());
            spool.delete();
        } catch (IOException | UncheckedIOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "destination " + name + ": cannot write run " + run.runId() + " of sync "
                    + run.sync() + " to " + store.describe() + ": " + e.getMessage(), Optional.empty(), e);
        }
    }

    @Override
    public synchronized void close() {
        spools.values().forEach(Spool::close);
        spools.clear();
        store.close();
    }

    @Override
    public String toString() {
        return "file destination " + name + " (" + settings.format().extension() + ", " + settings.files().name().toLowerCase(Locale.ROOT)
                + ") at " + store.describe();
    }

    /** Writes the records as parts of at most {@code recordsPerFile}, publishing each; returns how many records. */
    private long publish(Spool spool, String folder, String kind, Iterator<SyncRecord> records, List<Map<String, Object>> files)
            throws IOException {
        long total = 0;
        int part = 0;
        while (records.hasNext()) {
            String fileName = settings.fileName(kind, part++);
            Path local = spool.scratch().resolve(fileName);
            long count = 0;
            try (OutputStream out = open(local)) {
                SyncRecord first = records.next();
                RecordFormat.RowWriter writer = settings.format().open(out, List.copyOf(first.fields().keySet()), settings.keyColumn());
                writer.write(first.key(), first.fields());
                count++;
                while (count < settings.recordsPerFile() && records.hasNext()) {
                    SyncRecord record = records.next();
                    writer.write(record.key(), record.fields());
                    count++;
                }
                writer.flush();
            }
            long bytes = Files.size(local);
            store.publish(folder + "/" + fileName, local);
            Files.delete(local);
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", fileName);
            file.put("kind", kind);
            file.put("records", count);
            file.put("bytes", bytes);
            files.add(file);
            total += count;
        }
        return total;
    }

    private static Iterator<SyncRecord> normal(Iterator<SyncRecord> records) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public SyncRecord next() {
                SyncRecord record = records.next();
                return new SyncRecord(record.key(), Values.normal(record.fields()));
            }
        };
    }

    private OutputStream open(Path local) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(local), 1 << 16);
        return settings.gzip() ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    private Map<String, Object> manifest(RunInfo run, Map<String, Long> counts, List<Map<String, Object>> files) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("version", 1);
        manifest.put("destination", name);
        manifest.put("sync", run.sync());
        manifest.put("run", run.runId());
        manifest.put("started_at", run.startedAt().toString());
        manifest.put("finished_at", Instant.now().toString());
        manifest.put("format", settings.format().extension());
        manifest.put("compression", settings.gzip() ? "gzip" : "none");
        manifest.put("files_written", settings.files().name().toLowerCase(Locale.ROOT));
        manifest.put("key_column", settings.keyColumn());
        manifest.put("counts", counts);
        manifest.put("files", files);
        return manifest;
    }

    private Spool spool(RunInfo run) {
        if (!SAFE_NAME.matcher(run.sync()).matches()) {
            throw new IllegalArgumentException("sync name '" + run.sync() + "' cannot name a folder");
        }
        return spools.computeIfAbsent(run.runId(), id -> {
            Spool spool = Spool.open(settings.spoolFolder().resolve(name).resolve(run.sync()).resolve(Long.toString(id)));
            try (Stream<SyncRecord> spooled = spool.records(Operation.UPSERT)) {
                spooled.findFirst().ifPresent(first -> columns.put(id, List.copyOf(first.fields().keySet())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return spool;
        });
    }
}
