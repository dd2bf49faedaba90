package dev.ownstack.cli.command;

import dev.ownstack.cli.ProjectOption;
import dev.ownstack.cli.output.FormatOption;
import dev.ownstack.cli.output.TablePrinter;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.ingest.file.CsvReader;
import dev.ownstack.model.identity.IdentityTables;
import dev.ownstack.model.identity.evaluate.PairwiseScores;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        ProjectConfig config = project.load();
        Truth truthFile = new Truth(truth, recordColumn, clusterColumn, fixedSource == null ? sourceColumn : null, fixedSource, sourceMap);
        Scores scores;
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, spec.commandLine().getErr())) {
            scores = score(warehouse, truthFile);
        }
        PrintWriter out = spec.commandLine().getOut();
        TablePrinter printer = new TablePrinter(format.format, out);
        printer.columns(List.of("records", "customers", "true_clusters", "precision", "recall", "f1", "predicted_pairs", "true_pairs",
                "correct_pairs", "only_in_identity", "only_in_truth"));
        PairwiseScores pairs = scores.pairs();
        printer.row(new Object[] {pairs.records(), pairs.predictedClusters(), pairs.trueClusters(), round(pairs.precision()),
                round(pairs.recall()), round(pairs.f1()), pairs.predictedPairs(), pairs.truePairs(), pairs.correctPairs(),
                scores.onlyInIdentity(), scores.onlyInTruth()});
        printer.finish();
        return 0;
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

    /** The scores over the records in both, and how many were in only one of them. */
    record Scores(PairwiseScores pairs, long onlyInIdentity, long onlyInTruth) {
    }

    /** Scores the last resolution in {@code warehouse} against the truth; shared with {@code demo}. */
    static Scores score(Warehouse warehouse, Truth truth) {
        Map<String, String> trueCluster = readTruth(truth);
        PairwiseScores.Tally tally = new PairwiseScores.Tally();
        long[] counts = new long[2];
        warehouse.query("SELECT source, record_id, customer_id FROM " + warehouse.dialect().table(IdentityTables.RECORDS), List.of(),
                new RowHandler() {
                    @Override
                    public void columns(List<ResultColumn> columns) {
                    }

                    @Override
                    public void row(Object[] values) {
                        String cluster = trueCluster.remove(values[0] + "\u0000" + values[1]);
                        if (cluster == null) {
                            counts[0]++;
                        } else {
                            tally.add(values[2], cluster);
                            counts[1]++;
                        }
                    }
                });
        if (counts[1] == 0) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "no record of " + truth.file() + " is in identity.records (" + counts[0]
                    + " records there); check --source, --map-source and the columns, and that ownstack resolve ran");
        }
        return new Scores(tally.scores(), counts[0], trueCluster.size());
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
