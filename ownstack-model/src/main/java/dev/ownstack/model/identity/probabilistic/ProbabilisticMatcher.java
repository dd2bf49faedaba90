package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Fellegi-Sunter matching inside the warehouse, on DuckDB and PostgreSQL alike. The input table
 * has {@code node BIGINT} (one row per record) and one text column per configured field. Blocking
 * rules give the candidate pairs in SQL (each rule skipping pairs an earlier rule gave, so every
 * pair is scored once); u is estimated from all pairs among a fixed pseudo-random sample of
 * records; the candidate pairs stream once through the JVM, which compares their values and keeps
 * one pattern number per pair (4 bytes) for expectation maximisation and scoring, never the
 * values. The output table is replaced by (node_a, node_b, match_weight, probability), node_a &lt;
 * node_b, of the pairs whose match probability reaches the threshold. Working tables next to the
 * output, named after it ({@code <output>_records}, {@code _candidates}, {@code _linked}), are
 * replaced and dropped. The same input gives the same output on every run and engine. An instance
 * holds no state between runs and may be reused.
 */
public final class ProbabilisticMatcher {
    public static final List<Column> OUTPUT_COLUMNS = List.of(new Column("node_a", ColumnType.BIGINT),
            new Column("node_b", ColumnType.BIGINT), new Column("match_weight", ColumnType.DOUBLE),
            new Column("probability", ColumnType.DOUBLE));

    private final ProbabilisticConfig config;

    public ProbabilisticMatcher(ProbabilisticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public MatchSummary match(Warehouse warehouse, TableName input, TableName output) {
        List<TableName> working = List.of(working(output, "records"), working(output, "candidates"), working(output, "linked"));
        MatchSql sql = new MatchSql(warehouse.dialect(), config, working.get(0), working.get(1), working.get(2));
        try {
            warehouse.execute(warehouse.dialect().createSchemaIfNotExists(output.schema()));
            dropAll(warehouse, sql, working);
            MatchSummary summary = match(warehouse, sql, input, output, working.get(2));
            dropAll(warehouse, sql, working);
            return summary;
        } catch (RuntimeException e) {
            try {
                dropAll(warehouse, sql, working);
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    private static TableName working(TableName output, String suffix) {
        String name = output.name() + "_" + suffix;
        if (!Identifiers.isValid(name)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "probabilistic matching output name " + output
                    + " is too long to name its working table " + name);
        }
        return new TableName(output.schema(), name);
    }

    private MatchSummary match(Warehouse warehouse, MatchSql sql, TableName input, TableName output, TableName linkedTable) {
        checkInput(warehouse, input, sql.fields());
        Object[] counts = warehouse.queryAll(sql.countInput(input)).rows().get(0);
        long records = ((Number) counts[0]).longValue();
        if (records != ((Number) counts[1]).longValue()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "probabilistic matching input " + input + " has "
                    + (records - ((Number) counts[1]).longValue()) + " repeated node values; it needs one row per node");
        }
        warehouse.execute(sql.createRecords(input));
        checkUpperBounds(warehouse, sql);
        warehouse.execute(sql.createPairs());
        long[] candidatesByRule = countByRule(warehouse, sql.countPairsByRule());
        long candidates = Arrays.stream(candidatesByRule).sum();
        if (candidates > config.maxPairs()) {
            throw tooManyPairs("the blocking rules give " + format(candidates) + " candidate pairs", candidatesByRule);
        }
        PairComparator comparator = new PairComparator(config.comparisons(), sql.fields());
        List<String[]> sample = sample(warehouse, sql, records);
        double[][] u = USample.estimate(comparator, sample);
        PatternCounts patterns = new PatternCounts();
        int[] patternOfPair = new int[(int) candidates];
        stream(warehouse, sql.streamPairs(comparator.comparedFields()), row -> patternOfPair[(int) ((Number) row[0]).longValue()] =
                patterns.add(comparator.pattern((String) row[2]), ((Number) row[1]).intValue()));
        FellegiSunterModel model;
        int[] sessions;
        if (patterns.total() == 0) {
            model = new FellegiSunterModel(1 / Math.max(2.0, totalPairs(records)), u, u);
            sessions = new int[u.length];
        } else {
            ModelTraining.Trained trained = ModelTraining.train(patterns.sorted(), config.comparisons(), config.blocking(), u,
                    totalPairs(records));
            model = trained.model();
            sessions = trained.sessions();
        }
        long linked = writeLinked(warehouse, sql, linkedTable, patterns, patternOfPair, model);
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(output));
        warehouse.ensureTable(output, OUTPUT_COLUMNS, List.of());
        warehouse.execute(sql.insertOutput(output));
        long[] linkedByRule = countByRule(warehouse, sql.countLinkedByRule());
        List<MatchSummary.RuleCounts> rules = new ArrayList<>();
        for (int k = 0; k < config.blocking().size(); k++) {
            rules.add(new MatchSummary.RuleCounts(config.blocking().get(k).toString(), candidatesByRule[k], linkedByRule[k]));
        }
        return new MatchSummary(records, candidates, linked, rules, USample.pairs(sample.size()), model,
                estimates(comparator, model, sessions));
    }

    /** Writes number, weight and probability of each pair at or above the threshold; returns how many. */
    private long writeLinked(Warehouse warehouse, MatchSql sql, TableName linkedTable, PatternCounts patterns, int[] patternOfPair,
                             FellegiSunterModel model) {
        long[] distinct = patterns.patterns();
        double[] weights = new double[distinct.length];
        int[] levels = new int[model.comparisons()];
        for (int p = 0; p < distinct.length; p++) {
            for (int c = 0; c < levels.length; c++) {
                levels[c] = PatternCounts.level(distinct[p], c);
            }
            weights[p] = model.matchWeight(levels);
        }
        warehouse.execute(sql.createLinked());
        long linked = 0;
        try (RowWriter writer = warehouse.append(linkedTable, List.of("pair_id", "match_weight", "probability"))) {
            for (int pair = 0; pair < patternOfPair.length; pair++) {
                double weight = weights[patternOfPair[pair]];
                double probability = FellegiSunterModel.probability(weight);
                if (probability >= config.threshold()) {
                    writer.write(new Object[] {(long) pair, weight, probability});
                    linked++;
                }
            }
        }
        return linked;
    }

    private long[] countByRule(Warehouse warehouse, String query) {
        long[] counts = new long[config.blocking().size()];
        for (Object[] row : warehouse.queryAll(query).rows()) {
            counts[((Number) row[0]).intValue()] = ((Number) row[1]).longValue();
        }
        return counts;
    }

    private static double totalPairs(long records) {
        return records * (records - 1) / 2.0;
    }

    private void checkInput(Warehouse warehouse, TableName input, List<String> fields) {
        List<Column> columns = warehouse.describe(input).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                "probabilistic matching input " + input + " does not exist"));
        Set<String> names = columns.stream().map(column -> column.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String needed : concat("node", fields)) {
            if (!names.contains(needed.toLowerCase(Locale.ROOT))) {
                missing.add(needed);
            }
        }
        if (!missing.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "probabilistic matching input " + input + " lacks column(s) "
                    + String.join(", ", missing) + "; it has " + columns.stream().map(Column::name).collect(Collectors.joining(", ")));
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** A single rule's pairs before exclusion are all in the union: more than max-pairs fails before any join. */
    private void checkUpperBounds(Warehouse warehouse, MatchSql sql) {
        long[] bounds = new long[config.blocking().size()];
        for (int k = 0; k < bounds.length; k++) {
            bounds[k] = ((Number) warehouse.queryAll(sql.ruleUpperBound(k)).singleValue()).longValue();
        }
        for (int k = 0; k < bounds.length; k++) {
            if (bounds[k] > config.maxPairs()) {
                throw tooManyPairs("blocking rule " + config.blocking().get(k) + " alone gives " + format(bounds[k]) + " candidate pairs", bounds);
            }
        }
    }

    private OwnstackException tooManyPairs(String what, long[] byRule) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < byRule.length; k++) {
            parts.add(config.blocking().get(k) + ": " + format(byRule[k]));
        }
        return new OwnstackException(ErrorCode.CONFIG_INVALID, "identity.probabilistic: " + what + ", more than max-pairs ("
                + format(config.maxPairs()) + "); make the blocking rules stricter or raise max-pairs (pairs by rule: "
                + String.join(", ", parts) + ")");
    }

    private static String format(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private List<String[]> sample(Warehouse warehouse, MatchSql sql, long records) {
        int size = (int) Math.min(records, USample.recordsFor(config.uSamplePairs()));
        List<String[]> sample = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(sql.sample(Math.max(size, 1))).rows()) {
            String[] values = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                values[i] = PairComparator.value(row[i]);
            }
            sample.add(values);
        }
        return sample;
    }

    private static void stream(Warehouse warehouse, String query, Consumer<Object[]> onPair) {
        warehouse.query(query, List.of(), new RowHandler() {
            @Override
            public void columns(List<ResultColumn> columns) {
                // positions are fixed by MatchSql.streamPairs
            }

            @Override
            public void row(Object[] values) {
                onPair.accept(values);
            }
        });
    }

    private static void dropAll(Warehouse warehouse, MatchSql sql, List<TableName> tables) {
        for (TableName table : tables) {
            warehouse.execute(sql.drop(table));
        }
    }

    private static List<MatchSummary.ComparisonEstimate> estimates(PairComparator comparator, FellegiSunterModel model, int[] sessions) {
        List<MatchSummary.ComparisonEstimate> estimates = new ArrayList<>();
        for (int c = 0; c < comparator.comparisons().size(); c++) {
            ComparisonLevels comparison = comparator.comparisons().get(c);
            List<String> labels = comparison.labels();
            List<MatchSummary.LevelEstimate> levels = new ArrayList<>();
            for (int l = 0; l < labels.size(); l++) {
                levels.add(new MatchSummary.LevelEstimate(labels.get(l), model.m(c, l), model.u(c, l)));
            }
            estimates.add(new MatchSummary.ComparisonEstimate(comparison.comparison().field(),
                    comparison.comparison().method().configName(), sessions[c], levels));
        }
        return estimates;
    }
}
