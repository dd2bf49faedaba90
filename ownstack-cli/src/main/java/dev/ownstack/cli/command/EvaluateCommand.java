package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.CsvReader;
import dev.ownstack.model.identity.IdentityTables;
import dev.ownstack.model.identity.evaluate.PairwiseScores;
import dev.ownstack.model.identity.evaluate.SharedKeyCeiling;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ownstack identity evaluate}: pairwise precision, recall and F1 of the last resolution against true clusters. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
            "Score the last resolution against a file of true clusters: pairwise precision (of the record pairs",
            "placed in one customer, how many are one person), recall (of the pairs that are one person, how",
            "many were placed together) and F1, plus customers against true people.",
            "",
            "The truth is a CSV file with a header: a record column, a cluster column, and optionally a source",
            "column. Only records present in both the truth and identity.records are scored; the counts of",
            "the others are printed. ownstack generate writes such a file (truth.csv).",
            "",
            "--ceiling adds the recall of an oracle that links two records exactly when they are one person and",
            "share a value of a key (linked or dropped by a limit in identity.record_keys; blocked values do not",
            "count): the most any rule over those keys could find. Resolve with more keys to ask what any",
            "value at all could find; --ceiling-keys compares subsets of the keys of one run.",
            "",
            "Examples:",
            "  ownstack identity evaluate --truth data/truth.csv --map-source events.anonymousId=web_devices",
            "  ownstack identity evaluate --truth fake_1000.csv --source people --record-column unique_id --cluster-column cluster"})
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOption project;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "CSV file of true clusters.")
    Path truth;

    @Option(names = "--record-column", defaultValue = "record_id", paramLabel = "NAME",
            description = "Column holding the record id. Default: ${DEFAULT-VALUE}.")
    String recordColumn;

    @Option(names = "--cluster-column", defaultValue = "person_id", paramLabel = "NAME",
            description = "Column naming the true cluster (person). Default: ${DEFAULT-VALUE}.")
    String clusterColumn;

    @Option(names = "--source-column", defaultValue = "source", paramLabel = "NAME",
            description = "Column naming the identity source of each record. Default: ${DEFAULT-VALUE}.")
    String sourceColumn;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Every record of the file is from this identity source (for a file without a source column).")
    String fixedSource;

    @Option(names = "--map-source", paramLabel = "IN_FILE=IDENTITY_SOURCE",
            description = "A source name of the file that is called differently in ownstack.yml; repeatable.")
    Map<String, String> sourceMap = new LinkedHashMap<>();

    @Option(names = "--ceiling", description = "Also report the recall an oracle reaches through shared key values.")
    boolean ceiling;

    @Option(names = "--ceiling-keys", split = ",", paramLabel = "KEY",
            description = "Only these keys count for --ceiling (comma-separated); default: every key.")
    List<String> ceilingKeys = new ArrayList<>();

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        checkCeilingKeys(IdentitySetup.identity(config));
        Truth truthFile = new Truth(truth, recordColumn, clusterColumn, fixedSource == null ? sourceColumn : null, fixedSource, sourceMap);
        Scores scores;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
            scores = score(warehouse, truthFile, ceiling || !ceilingKeys.isEmpty() ? Optional.of(ceilingKeys) : Optional.empty());
        }
        PrintWriter out = spec.commandLine().getOut();
        TablePrinter printer = new TablePrinter(format.format, out);
        PairwiseScores pairs = scores.pairs();
        List<String> columns = new ArrayList<>(List.of("records", "customers", "true_clusters", "precision", "recall", "f1",
                "predicted_pairs", "true_pairs", "correct_pairs", "only_in_identity", "only_in_truth"));
        List<Object> row = new ArrayList<>(List.of(pairs.records(), pairs.predictedClusters(), pairs.trueClusters(),
                round(pairs.precision()), round(pairs.recall()), round(pairs.f1()), pairs.predictedPairs(), pairs.truePairs(),
                pairs.correctPairs(), scores.onlyInIdentity(), scores.onlyInTruth()));
        scores.ceiling().ifPresent(oracle -> {
            columns.addAll(List.of("ceiling_recall", "ceiling_f1", "ceiling_customers"));
            row.addAll(List.of(round(oracle.recall()), round(oracle.f1()), oracle.predictedClusters()));
        });
        printer.columns(columns);
        printer.row(row.toArray());
        printer.finish();
        return 0;
    }

    private void checkCeilingKeys(IdentityConfig identity) {
        for (String key : ceilingKeys) {
            if (identity.key(key).isEmpty()) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--ceiling-keys: '" + key + "' is not a key of identity.keys;"
                        + " the keys are " + identity.keys().stream().map(MatchKey::name).collect(Collectors.joining(", ")));
            }
        }
    }

    /**
     * A file of true clusters and how to read it.
     *
     * @param sourceColumn the column naming each record's source, or null when {@code fixedSource} names it
     * @param sourceMap    source names of the file to identity source names
     */
    record Truth(Path file, String recordColumn, String clusterColumn, String sourceColumn, String fixedSource,
                 Map<String, String> sourceMap) {
    }

    /** The scores over the records in both, how many were in only one of them, and the oracle's when asked for. */
    record Scores(PairwiseScores pairs, long onlyInIdentity, long onlyInTruth, Optional<PairwiseScores> ceiling) {
    }

    /** Scores the last resolution in {@code warehouse} against the truth; shared with {@code demo}. */
    static Scores score(Warehouse warehouse, Truth truth) {
        return score(warehouse, truth, Optional.empty());
    }

    /**
     * Scores the last resolution against the truth and, with {@code ceilingKeys} (empty: every key),
     * what an oracle linking through shared values of those keys would reach.
     */
    static Scores score(Warehouse warehouse, Truth truth, Optional<List<String>> ceilingKeys) {
        Map<String, String> trueCluster = readTruth(truth);
        PairwiseScores.Tally tally = new PairwiseScores.Tally();
        ScoredRecords scored = new ScoredRecords();
        long[] counts = new long[2];
        warehouse.query("SELECT source, record_id, customer_id FROM " + warehouse.dialect().table(IdentityTables.RECORDS), List.of(),
                new RowHandler() {
                    @Override
                    public void columns(List<ResultColumn> columns) {
                    }

                    @Override
                    public void row(Object[] values) {
                        String record = values[0] + "\u0000" + values[1];
                        String cluster = trueCluster.remove(record);
                        if (cluster == null) {
                            counts[0]++;
                            return;
                        }
                        tally.add(values[2], cluster);
                        if (ceilingKeys.isPresent()) {
                            scored.add(record, cluster);
                        }
                        counts[1]++;
                    }
                });
        if (counts[1] == 0) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "no record of " + truth.file() + " is in identity.records (" + counts[0]
                    + " records there); check --source, --map-source and the columns, and that ownstack resolve ran");
        }
        return new Scores(tally.scores(), counts[0], trueCluster.size(), ceilingKeys.map(keys -> ceiling(warehouse, scored, keys)));
    }

    /** Streams key values in value order and hands each group of scored records sharing one to the oracle. */
    private static PairwiseScores ceiling(Warehouse warehouse, ScoredRecords scored, List<String> keys) {
        SharedKeyCeiling oracle = new SharedKeyCeiling(scored.truth());
        SqlDialect dialect = warehouse.dialect();
        String sql = "SELECT " + dialect.quote("key_name") + ", " + dialect.quote("key_value") + ", " + dialect.quote("source") + ", "
                + dialect.quote("record_id") + " FROM " + dialect.table(IdentityTables.RECORD_KEYS) + " WHERE " + dialect.quote("status")
                + " <> " + dialect.stringLiteral("blocked")
                + (keys.isEmpty() ? "" : " AND " + dialect.quote("key_name") + " IN (" + String.join(", ", keys.stream()
                        .map(dialect::stringLiteral).toList()) + ")")
                + " ORDER BY 1, 2";
        ValueGroups groups = new ValueGroups(scored, oracle);
        warehouse.query(sql, List.of(), groups);
        groups.finish();
        return oracle.scores();
    }

    /** The scored records, numbered 0..n-1 in the order they came, with their true clusters as numbers. */
    private static final class ScoredRecords {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Long> clusterIds = new HashMap<>();
        private long[] truth = new long[1024];

        void add(String record, String cluster) {
            int i = index.size();
            index.put(record, i);
            if (i == truth.length) {
                truth = Arrays.copyOf(truth, i * 2);
            }
            truth[i] = clusterIds.computeIfAbsent(cluster, key -> (long) clusterIds.size());
        }

        Integer index(String record) {
            return index.get(record);
        }

        long[] truth() {
            return Arrays.copyOf(truth, index.size());
        }
    }

    /** Rows of (key_name, key_value, source, record_id) in key value order, cut into groups of one value each. */
    private static final class ValueGroups implements RowHandler {
        private final ScoredRecords scored;
        private final SharedKeyCeiling oracle;
        private int[] group = new int[16];
        private int size;
        private String name;
        private String value;

        ValueGroups(ScoredRecords scored, SharedKeyCeiling oracle) {
            this.scored = scored;
            this.oracle = oracle;
        }

        @Override
        public void columns(List<ResultColumn> columns) {
        }

        @Override
        public void row(Object[] values) {
            if (!values[0].equals(name) || !values[1].equals(value)) {
                finish();
                name = (String) values[0];
                value = (String) values[1];
            }
            Integer record = scored.index(values[2] + "\u0000" + values[3]);
            if (record != null) {
                if (size == group.length) {
                    group = Arrays.copyOf(group, size * 2);
                }
                group[size++] = record;
            }
        }

        void finish() {
            oracle.shared(group, size);
            size = 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** "source\0record" to the true cluster. */
    private static Map<String, String> readTruth(Truth truth) {
        Path file = truth.file();
        Map<String, String> clusters = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader, ',', '"')) {
            if (!csv.next()) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, file + " is empty; it needs a header and one row per record");
            }
            List<String> header = new ArrayList<>();
            for (int i = 0; i < csv.fieldCount(); i++) {
                header.add(csv.field(i).strip());
            }
            int record = column(file, header, truth.recordColumn(), "--record-column");
            int cluster = column(file, header, truth.clusterColumn(), "--cluster-column");
            int source = truth.sourceColumn() == null ? -1 : column(file, header, truth.sourceColumn(), "--source-column (or give --source NAME)");
            while (csv.next()) {
                if (csv.problem() != null || csv.fieldCount() != header.size()) {
                    throw new OwnstackException(ErrorCode.INPUT_INVALID, file + " line " + csv.line() + ": "
                            + (csv.problem() != null ? csv.problem() : csv.fieldCount() + " fields where the header has " + header.size()));
                }
                String sourceName = source < 0 ? truth.fixedSource() : csv.field(source);
                clusters.put(truth.sourceMap().getOrDefault(sourceName, sourceName) + "\u0000" + csv.field(record), csv.field(cluster));
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read --truth " + file + ": " + e.getMessage(), e);
        }
        return clusters;
    }

    private static int column(Path file, List<String> header, String name, String option) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, file + " has no column '" + name + "' for " + option
                    + "; its columns are " + String.join(", ", header));
        }
        return index;
    }
}
