package dev.ownstack.model.identity.probabilistic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.config.identity.ProbabilisticConfigReader;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.evaluate.PairwiseScores;
import dev.ownstack.model.identity.graph.UnionFind;
import dev.ownstack.model.identity.probabilistic.MatchSummary;
import dev.ownstack.model.identity.probabilistic.ProbabilisticMatcher;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: times probabilistic matching on DuckDB in memory over synthetic people (1 to 5
 * records each, with missing values and typos), and scores it against the known people.
 * Run: {@code java -cp <test classpath> ...ProbabilisticMatchBenchmark 100000 1000000}.
 */
public final class ProbabilisticMatchBenchmark {
    private static final TableName INPUT = new TableName("identity", "bench_input");
    private static final TableName OUTPUT = new TableName("identity", "bench_pairs");
    private static final List<String> FIELDS = List.of("first_name", "surname", "dob", "city", "email");
    private static final String[] SYLLABLES = {"an", "ber", "cor", "da", "el", "fin", "gar", "hol", "is", "jo", "ka", "lem", "mar",
        "nor", "ol", "pen", "qui", "ros", "sa", "tor", "ul", "van", "wil", "xe", "yor", "zan", "bel", "cha", "dri", "mo"};
    private static final String CONFIG = """
            probabilistic:
              threshold: 0.9
              blocking:
                - [dob, first_name-first-1]
                - [email]
                - [surname-soundex, first_name-soundex]
                - [surname, city]
              comparisons:
                first_name: {method: jaro-winkler, levels: [0.92, 0.8]}
                surname: {method: jaro-winkler, levels: [0.92, 0.8]}
                dob: {method: levenshtein, levels: [1, 2]}
                city: {method: jaro-winkler, levels: [0.9]}
                email: {method: levenshtein, levels: [1, 3]}
            """;

    private ProbabilisticMatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ConfigProblems problems = new ConfigProblems("benchmark");
        ConfigNode identity = new ConfigNode(new ObjectMapper(new YAMLFactory()).readTree(CONFIG), "identity", problems, name -> Optional.empty());
        ProbabilisticConfig config = ProbabilisticConfigReader.read(identity, Set.copyOf(FIELDS)).orElseThrow();
        problems.throwIfAny();
        for (String arg : args.length == 0 ? new String[] {"100000"} : args) {
            run(config, Integer.parseInt(arg));
        }
    }

    private static void run(ProbabilisticConfig config, int records) {
        Random random = new Random(records);
        long[] truth = new long[records];
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            List<Column> columns = new ArrayList<>(List.of(new Column("node", ColumnType.BIGINT)));
            FIELDS.forEach(field -> columns.add(new Column(field, ColumnType.STRING)));
            warehouse.ensureTable(INPUT, columns, List.of());
            try (RowWriter writer = warehouse.append(INPUT, columns.stream().map(Column::name).toList())) {
                int node = 0;
                for (long person = 0; node < records; person++) {
                    String[] values = person(random);
                    int copies = 1 + Math.min(4, (int) (-Math.log(1 - random.nextDouble()) * 1.2));
                    for (int copy = 0; copy < copies && node < records; copy++) {
                        Object[] row = new Object[FIELDS.size() + 1];
                        row[0] = (long) node;
                        for (int f = 0; f < values.length; f++) {
                            row[f + 1] = copy == 0 ? values[f] : corrupt(random, values[f]);
                        }
                        truth[node++] = person;
                        writer.write(row);
                    }
                }
            }
            long start = System.nanoTime();
            MatchSummary summary = new ProbabilisticMatcher(config).match(warehouse, INPUT, OUTPUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            UnionFind components = new UnionFind(records);
            for (Object[] row : warehouse.queryAll("SELECT node_a, node_b FROM " + warehouse.dialect().table(OUTPUT)).rows()) {
                components.union(((Number) row[0]).intValue(), ((Number) row[1]).intValue());
            }
            long[] predicted = new long[records];
            for (int i = 0; i < records; i++) {
                predicted[i] = components.representative(i);
            }
            long scoring = System.nanoTime();
            PairwiseScores scores = PairwiseScores.of(predicted, truth);
            double scoringSeconds = (System.nanoTime() - scoring) / 1e9;
            System.out.printf(Locale.ROOT, "%,d records: %,d candidate pairs, %,d linked, lambda %.2e, match %.1f s (%,.0f pairs/s);"
                            + " precision %.4f recall %.4f F1 %.4f; pairwise scores %.2f s; heap used %d MB%n", records,
                    summary.candidatePairs(), summary.linkedPairs(), summary.lambda(), seconds, summary.candidatePairs() / seconds,
                    scores.precision(), scores.recall(), scores.f1(), scoringSeconds,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    private static String[] person(Random random) {
        String first = name(random, 2);
        String surname = name(random, 3);
        LocalDate dob = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
        String city = "city" + random.nextInt(60);
        String email = first + "." + surname + random.nextInt(100) + "@example" + random.nextInt(20) + ".com";
        return new String[] {first, surname, dob.toString(), city, email};
    }

    private static String name(Random random, int syllables) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return name.toString();
    }

    /** Missing (10%), one typo (20%), or unchanged. */
    private static String corrupt(Random random, String value) {
        double draw = random.nextDouble();
        if (draw < 0.1) {
            return null;
        }
        if (draw < 0.3 && value.length() > 2) {
            StringBuilder text = new StringBuilder(value);
            int at = 1 + random.nextInt(value.length() - 2);
            switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, (char) ('a' + random.nextInt(26)));
                case 1 -> text.deleteCharAt(at);
                default -> {
                    char c = text.charAt(at);
                    text.setCharAt(at, text.charAt(at + 1));
                    text.setCharAt(at + 1, c);
                }
            }
            return text.toString();
        }
        return value;
    }
}
