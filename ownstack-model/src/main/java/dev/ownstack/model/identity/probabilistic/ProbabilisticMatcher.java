package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Fellegi-Sunter matching inside the warehouse, on DuckDB and PostgreSQL alike. The input table
 * has {@code node BIGINT} (one row per record) and one text column per configured field. Blocking
 * rules give the candidate pairs in SQL (each rule skipping pairs an earlier rule gave, so every
 * pair is scored once); u is estimated from all pairs among a fixed pseudo-random sample of
 * records; the candidate pairs are streamed twice through the JVM, once to count comparison
 * patterns for expectation maximisation, once to score them; only linked pairs are held. The
 * output table is replaced by (node_a, node_b, match_weight, probability), node_a &lt; node_b, of
 * the pairs whose match probability reaches the threshold. The same input gives the same output on
 * every run and engine. An instance holds no state between runs and may be reused.
 */
public final class ProbabilisticMatcher {
    public static final List<Column> OUTPUT_COLUMNS = List.of(new Column("node_a", ColumnType.BIGINT),
            new Column("node_b", ColumnType.BIGINT), new Column("match_weight", ColumnType.DOUBLE),
            new Column("probability", ColumnType.DOUBLE));
    private static final AtomicLong RUNS = new AtomicLong();
    /** Stream columns before the value pairs: node_a, node_b, rule, rule mask. */
    private static final int VALUES_OFFSET = 4;

    private final ProbabilisticConfig config;

    public ProbabilisticMatcher(ProbabilisticConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public MatchSummary match(Warehouse warehouse, TableName input, TableName output) {
        long run = RUNS.incrementAndGet();
        String recordsTable = "ownstack_match_records_" + run;
        String pairsTable = "ownstack_match_pairs_" + run;
        MatchSql sql = new MatchSql(warehouse.dialect(), config, recordsTable, pairsTable);
        List<String> created = new ArrayList<>();
        try {
            MatchSummary summary = match(warehouse, sql, input, output, created, recordsTable, pairsTable);
            dropAll(warehouse, sql, created);
            return summary;
        } catch (RuntimeException e) {
            try {
                dropAll(warehouse, sql, created);
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    private MatchSummary match(Warehouse warehouse, MatchSql sql, TableName input, TableName output, List<String> created,
                               String recordsTable, String pairsTable) {
        checkInput(warehouse, input, sql.fields());
        Object[] counts = warehouse.queryAll(sql.countInput(input)).rows().get(0);
        long records = ((Number) counts[0]).longValue();
        if (records != ((Number) counts[1]).longValue()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "probabilistic matching input " + input + " has "
                    + (records - ((Number) counts[1]).longValue()) + " repeated node values; it needs one row per node");
        }
        warehouse.execute(sql.createRecords(input));
        created.add(recordsTable);
        checkUpperBounds(warehouse, sql);
        warehouse.execute(sql.createPairs());
        created.add(pairsTable);
        long[] candidatesByRule = new long[config.blocking().size()];
        for (Object[] row : warehouse.queryAll(sql.countPairsByRule()).rows()) {
            candidatesByRule[((Number) row[0]).intValue()] = ((Number) row[1]).longValue();
        }
        long candidates = java.util.Arrays.stream(candidatesByRule).sum();
        if (candidates > config.maxPairs()) {
            throw tooManyPairs("the blocking rules give " + format(candidates) + " candidate pairs", candidatesByRule);
        }
        PairComparator comparator = new PairComparator(config.comparisons(), sql.fields());
        List<String[]> sample = sample(warehouse, sql, records);
        double[][] u = USample.estimate(comparator, sample);
        PatternCounts patterns = new PatternCounts();
        stream(warehouse, sql, row -> patterns.add(comparator.pattern(row, VALUES_OFFSET), ((Number) row[3]).intValue()));
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
        LinkedPairs linked = score(warehouse, sql, comparator, model);
        write(warehouse, output, linked);
        List<MatchSummary.RuleCounts> rules = new ArrayList<>();
        for (int k = 0; k < config.blocking().size(); k++) {
            rules.add(new MatchSummary.RuleCounts(config.blocking().get(k).toString(), candidatesByRule[k], linked.byRule[k]));
        }
        return new MatchSummary(records, candidates, linked.size, rules, USample.pairs(sample.size()), model,
                estimates(comparator, model, sessions));
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

    private static void stream(Warehouse warehouse, MatchSql sql, Consumer<Object[]> onPair) {
        warehouse.query(sql.streamPairs(), List.of(), new RowHandler() {
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

    private LinkedPairs score(Warehouse warehouse, MatchSql sql, PairComparator comparator, FellegiSunterModel model) {
        LinkedPairs linked = new LinkedPairs(config.blocking().size());
        Map<Long, Double> weights = new HashMap<>();
        int[] levels = new int[model.comparisons()];
        stream(warehouse, sql, row -> {
            long pattern = comparator.pattern(row, VALUES_OFFSET);
            double weight = weights.computeIfAbsent(pattern, key -> {
                for (int c = 0; c < levels.length; c++) {
                    levels[c] = PatternCounts.level(key, c);
                }
                return model.matchWeight(levels);
            });
            double probability = FellegiSunterModel.probability(weight);
            if (probability >= config.threshold()) {
                linked.add(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), weight, probability,
                        ((Number) row[2]).intValue());
            }
        });
        return linked;
    }

    private static void write(Warehouse warehouse, TableName output, LinkedPairs linked) {
        warehouse.execute("DROP TABLE IF EXISTS " + warehouse.dialect().table(output));
        warehouse.ensureTable(output, OUTPUT_COLUMNS, List.of());
        try (RowWriter writer = warehouse.append(output, OUTPUT_COLUMNS.stream().map(Column::name).toList())) {
            for (int i = 0; i < linked.size; i++) {
                writer.write(new Object[] {linked.nodeA[i], linked.nodeB[i], linked.weight[i], linked.probability[i]});
            }
        }
    }

    private static void dropAll(Warehouse warehouse, MatchSql sql, List<String> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            warehouse.execute(sql.drop(created.get(i)));
        }
        created.clear();
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

    /** The linked pairs in growing arrays: a few numbers per pair, never the pair's values. */
    private static final class LinkedPairs {
        private long[] nodeA = new long[1024];
        private long[] nodeB = new long[1024];
        private double[] weight = new double[1024];
        private double[] probability = new double[1024];
        private final long[] byRule;
        private int size;

        LinkedPairs(int rules) {
            byRule = new long[rules];
        }

        void add(long a, long b, double w, double p, int rule) {
            if (size == nodeA.length) {
                int capacity = Math.multiplyExact(size, 2);
                nodeA = java.util.Arrays.copyOf(nodeA, capacity);
                nodeB = java.util.Arrays.copyOf(nodeB, capacity);
                weight = java.util.Arrays.copyOf(weight, capacity);
                probability = java.util.Arrays.copyOf(probability, capacity);
            }
            nodeA[size] = a;
            nodeB[size] = b;
            weight[size] = w;
            probability[size] = p;
            byRule[rule]++;
            size++;
        }
    }
}
