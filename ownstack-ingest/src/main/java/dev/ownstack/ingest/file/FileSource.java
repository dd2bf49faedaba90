package dev.ownstack.ingest.file;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.FileFormat;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.BatchSource;
import dev.ownstack.ingest.IngestTables;
import dev.ownstack.ingest.IngestTables.RejectWriter;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.ingest.Reject;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loads CSV, JSON lines and Parquet files into one table: resolves paths and globs, infers column
 * types from a sample, and loads each file not yet loaded in one transaction together with its
 * row in the manifest {@code ownstack.loaded_files} (small files share a transaction). So a second
 * run adds nothing, a run killed half-way and run again ends with the rows of one complete run,
 * and a file whose content changed replaces its earlier rows. See docs/INGEST-FILES.md.
 */
public final class FileSource implements BatchSource {
    static final long FIRST_FILE_SAMPLE = 10_000;
    static final long OTHER_FILE_SAMPLE = 1_000;
    static final long SAMPLE_BUDGET = 500_000;
    static final long BATCH_BYTES = 8L << 20;
    static final int BATCH_FILES = 1_000;

    private final SourceConfig.Files config;
    private final Path projectDirectory;
    private final Map<FileFormat, RecordReader> readers = new java.util.EnumMap<>(FileFormat.class);

    public FileSource(SourceConfig.Files config, Path projectDirectory) {
        this.config = Objects.requireNonNull(config, "config");
        this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
    }

    /**
     * The configuration of a one-off load ({@code ownstack ingest --file PATH --into TABLE}): the
     * same guarantees as a configured source, with default CSV options and inferred types. The
     * source is named after the table.
     */
    public static SourceConfig.Files oneOff(String pathOrGlob, TableName table, Optional<FileFormat> format, OnError onError) {
        return new SourceConfig.Files(table.name(), List.of(pathOrGlob), format, table, CsvOptions.DEFAULT, Map.of(), onError);
    }

    @Override
    public String name() {
        return config.name();
    }

    /**
     * The files the source would load now, in load order.
     *
     * @throws OwnstackException NOT_FOUND naming the pattern and folder when an entry matches nothing
     */
    public List<Path> files() {
        return FilePaths.resolve(config.paths(), projectDirectory);
    }

    @Override
    public LoadResult load(Warehouse warehouse, LoadProgress progress) {
        Instant started = Instant.now();
        List<Path> files = files();
        Map<String, String> loaded = FileManifest.loadedFiles(warehouse, config.table());
        List<FileFingerprint> pending = new ArrayList<>();
        Set<String> changed = new LinkedHashSet<>();
        int alreadyLoaded = 0;
        for (Path file : files) {
            FileFingerprint fingerprint = FileFingerprint.of(file);
            String previousHash = loaded.get(fingerprint.pathText());
            if (fingerprint.sha256().equals(previousHash)) {
                alreadyLoaded++;
            } else {
                pending.add(fingerprint);
                if (previousHash != null) {
                    changed.add(fingerprint.pathText());
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (alreadyLoaded > 0) {
            notes.add(alreadyLoaded + (alreadyLoaded == 1 ? " file" : " files") + " already loaded");
        }
        if (pending.isEmpty()) {
            return new LoadResult(name(), Map.of(config.table().toString(), 0L), 0, notes, Duration.between(started, Instant.now()));
        }
        Optional<List<Column>> existing = warehouse.describe(config.table());
        TypeInference inference = sample(pending);
        Map<String, ColumnType> overrides = overrides(inference, existing.orElse(List.of()));
        List<Column> columns = new ArrayList<>();
        for (String column : inference.columns()) {
            columns.add(new Column(column, overrides.getOrDefault(column, inference.type(column))));
        }
        columns.addAll(Lineage.COLUMNS);
        List<Column> tableColumns = warehouse.ensureTable(config.table(), columns, List.of());

        FileLoad.Target target = new FileLoad.Target(config.table(), warehouse.dialect(), name(), config.onError(), progress,
                column -> typeHint(column, existing.orElse(List.of()), overrides, inference));
        long rows = 0;
        long rejected = 0;
        for (List<FileFingerprint> batch : batches(pending)) {
            List<FileLoad> loads = loadBatch(warehouse, target, tableColumns, batch, changed, rows);
            for (FileLoad load : loads) {
                rows += load.rows();
                rejected += load.rejects().size();
            }
        }
        progress.update(name(), "done", rows);
        notes.add("loaded " + pending.size() + (pending.size() == 1 ? " file" : " files"));
        if (!changed.isEmpty()) {
            notes.add(changed.size() + (changed.size() == 1 ? " changed file" : " changed files") + " reloaded, earlier rows replaced");
        }
        if (rejected > 0) {
            notes.add(rejected + " rows rejected to " + IngestTables.REJECTS);
        }
        return new LoadResult(name(), Map.of(config.table().toString(), rows), rejected, notes, Duration.between(started, Instant.now()));
    }

    /**
     * Groups files into transactions of up to 8 MB or 1,000 files. A transaction costs tens of
     * milliseconds whatever it holds, far more than loading a small file; sharing one keeps each
     * file atomic with its manifest row all the same.
     */
    static List<List<FileFingerprint>> batches(List<FileFingerprint> files) {
        List<List<FileFingerprint>> batches = new ArrayList<>();
        List<FileFingerprint> batch = new ArrayList<>();
        long bytes = 0;
        for (FileFingerprint file : files) {
            if (!batch.isEmpty() && (bytes + file.size() > BATCH_BYTES || batch.size() == BATCH_FILES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(file);
            bytes += file.size();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /**
     * Loads a batch of files with their rejects and manifest rows in one transaction. When a file
     * fails (a bad row under the fail policy, an unreadable file), the files before it in the
     * batch are loaded again in a transaction of their own, so that, as without batches, every
     * file before the failing one stays loaded.
     */
    private List<FileLoad> loadBatch(Warehouse warehouse, FileLoad.Target target, List<Column> tableColumns, List<FileFingerprint> batch,
                                     Set<String> changed, long rowsBefore) {
        int[] current = {0};
        try {
            return warehouse.inTransaction(transaction -> loadInTransaction(transaction, target, tableColumns, batch, changed, rowsBefore, current));
        } catch (OwnstackException failure) {
            boolean fileAtFault = failure.code() == ErrorCode.INPUT_INVALID || failure.code() == ErrorCode.IO_FAILED;
            if (fileAtFault && current[0] > 0) {
                List<FileFingerprint> before = batch.subList(0, current[0]);
                try {
                    warehouse.inTransaction(transaction -> loadInTransaction(transaction, target, tableColumns, before, changed, rowsBefore,
                            new int[1]));
                } catch (OwnstackException retry) {
                    failure.addSuppressed(retry);
                }
            }
            throw failure;
        }
    }

    private List<FileLoad> loadInTransaction(Warehouse warehouse, FileLoad.Target target, List<Column> tableColumns,
                                             List<FileFingerprint> batch, Set<String> changed, long rowsBefore, int[] current) {
        String table = warehouse.dialect().table(config.table());
        for (FileFingerprint file : batch) {
            if (changed.contains(file.pathText())) {
                warehouse.execute("DELETE FROM " + table + " WHERE " + warehouse.dialect().quote(Lineage.FILE) + " = ?", file.pathText());
                FileManifest.forget(warehouse, config.table(), file);
            }
        }
        OffsetDateTime loadedAt = OffsetDateTime.now(ZoneOffset.UTC);
        List<FileLoad> loads = new ArrayList<>();
        long rows = rowsBefore;
        try (RowWriter writer = warehouse.append(config.table(), tableColumns.stream().map(Column::name).toList())) {
            for (int i = 0; i < batch.size(); i++) {
                current[0] = i;
                FileFingerprint file = batch.get(i);
                target.progress().update(name(), displayName(file.path()), rows);
                FileLoad load = new FileLoad(target, tableColumns, writer, file, displayName(file.path()), loadedAt, rows);
                reader(file.path()).read(file.path(), Long.MAX_VALUE, load);
                file.requireUnchanged();
                loads.add(load);
                rows += load.rows();
            }
        }
        // after the bulk writer is closed: PostgreSQL runs one COPY at a time per connection
        List<Reject> rejects = loads.stream().flatMap(load -> load.rejects().stream()).toList();
        if (!rejects.isEmpty()) {
            try (RejectWriter writer = IngestTables.rejects(warehouse, name(), config.table())) {
                rejects.forEach(writer::write);
            }
        }
        FileManifest.record(warehouse, config.table(), name(),
                loads.stream().map(load -> new FileManifest.Entry(load.file(), load.rows(), load.rejects().size())).toList(), loadedAt);
        return loads;
    }

    /**
     * Samples the files about to be loaded: the first 10,000 records of the first, up to 1,000 of
     * every other, at most 500,000 in all. Every file's columns are read even past the budget, so
     * the table gets all of them before the first file loads.
     */
    private TypeInference sample(List<FileFingerprint> files) {
        TypeInference inference = new TypeInference();
        long budget = SAMPLE_BUDGET;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i).path();
            long limit = Math.min(budget, i == 0 ? FIRST_FILE_SAMPLE : OTHER_FILE_SAMPLE);
            RecordReader reader = reader(file);
            long before = inference.records();
            reader.read(file, limit, inference.visitor(reader.textTyping()));
            budget -= inference.records() - before;
        }
        return inference;
    }

    /** The configured column types by sanitized name; each must name a column of the files or the table. */
    private Map<String, ColumnType> overrides(TypeInference inference, List<Column> existing) {
        Set<String> known = new LinkedHashSet<>(inference.columns());
        existing.stream().map(Column::name).filter(column -> !Lineage.isLineage(column)).forEach(known::add);
        Map<String, ColumnType> overrides = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        config.columnTypes().forEach((key, type) -> {
            String column = Identifiers.sanitize(key);
            if (known.contains(column)) {
                overrides.put(column, type);
            } else {
                problems.add("sources." + name() + ".columns." + key + ": no such column in " + String.join(", ", config.paths())
                        + "; the columns are " + String.join(", ", known));
            }
        });
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, problems.get(0), problems, null);
        }
        return overrides;
    }

    private String typeHint(String column, List<Column> existing, Map<String, ColumnType> overrides, TypeInference inference) {
        Optional<Column> before = existing.stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
        if (before.isPresent()) {
            return "column " + column + " of " + config.table() + " already has type " + before.get().type().configName();
        }
        if (overrides.containsKey(column)) {
            return "the type is set by sources." + name() + ".columns." + column;
        }
        return String.format(Locale.ROOT, "types were inferred from %,d sampled rows: the first %,d of the first file and up to %,d of each"
                        + " other; set sources.%s.columns.%s: string to override", inference.records(), FIRST_FILE_SAMPLE,
                OTHER_FILE_SAMPLE, name(), column);
    }

    /** One reader per format for this source, so what a reader learns of a file (its JSON keys) is learnt once. */
    private RecordReader reader(Path file) {
        return readers.computeIfAbsent(format(file), format -> RecordReader.of(format, config.csv()));
    }

    private FileFormat format(Path file) {
        return config.format().or(() -> FileFormat.fromFileName(file.getFileName().toString())).orElseThrow(() ->
                new OwnstackException(ErrorCode.CONFIG_INVALID, "cannot tell the format of " + file + " from its name;"
                        + " set sources." + name() + ".format to csv, jsonl or parquet"));
    }

    /** The file as messages and rejects name it: relative to the project folder when inside it. */
    private String displayName(Path file) {
        return file.startsWith(projectDirectory) ? projectDirectory.relativize(file).toString() : file.toString();
    }
}
