package dev.ownstack.activation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts audiences on score traits on DuckDB in memory: the compiled SQL (the scores LEFT JOINed
 * for positive comparisons ANDed at the top; a filtered set of score ids under OR, NOT EXISTS for
 * negative operators) next to hand-written semi-joins ({@code c.customer_id
 * IN (SELECT customer_id FROM model.customer_scores WHERE ...)}) and to a LEFT JOIN of the whole
 * scores table, for the same members, alternated in the same run. CUSTOMERS customers, 80% of them scored with a churn and a lifetime value decile.
 * Prints the median of each, their ratio, and fails when the counts differ.
 *
 * <pre>java ... ScoreTraitBenchmark [CUSTOMERS] [REPETITIONS]</pre>
 */
public final class ScoreTraitBenchmark {
    /** The whole scores table LEFT JOINed and its columns compared: the form the compiler does not use. */
    private static final String JOINED = "SELECT count(*) FROM model.customers AS c LEFT JOIN model.customer_scores AS s"
            + " ON s.customer_id = c.customer_id WHERE ";
    private static final List<String[]> CASES = List.of(
            new String[] {"top churn decile, LTV above the median",
                "{'all': [{'trait': 'churn_decile', 'operator': 'equals', 'value': 10}, {'trait': 'ltv_decile', 'operator': 'greater', 'value': 5}]}",
                "SELECT count(*) FROM model.customers AS c WHERE c.customer_id IN"
                        + " (SELECT customer_id FROM model.customer_scores WHERE churn_decile = 10 AND ltv_decile > 5)",
                JOINED + "s.churn_decile = 10 AND s.ltv_decile > 5"},
            new String[] {"GB or top churn decile",
                "{'any': [{'trait': 'country', 'operator': 'equals', 'value': 'GB'}, {'trait': 'churn_decile', 'operator': 'equals', 'value': 10}]}",
                "SELECT count(*) FROM model.customers AS c WHERE c.country = 'GB' OR c.customer_id IN"
                        + " (SELECT customer_id FROM model.customer_scores WHERE churn_decile = 10)",
                JOINED + "c.country = 'GB' OR s.churn_decile = 10"},
            new String[] {"not in the top churn decile (unscored included)",
                "{'trait': 'churn_decile', 'operator': 'not-equals', 'value': 10}",
                "SELECT count(*) FROM model.customers AS c WHERE NOT EXISTS"
                        + " (SELECT 1 FROM model.customer_scores AS s WHERE s.customer_id = c.customer_id AND s.churn_decile = 10)",
                JOINED + "s.churn_decile IS NULL OR NOT (s.churn_decile = 10)"});

    private ScoreTraitBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long customers = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            long start = System.nanoTime();
            warehouse.execute("CREATE SCHEMA IF NOT EXISTS model");
            warehouse.execute("CREATE TABLE model.customers AS SELECT 'c' || lpad(CAST(i AS VARCHAR), 8, '0') AS customer_id,"
                    + " CASE i % 5 WHEN 0 THEN 'GB' WHEN 1 THEN 'US' WHEN 2 THEN 'DE' WHEN 3 THEN 'FR' ELSE NULL END AS country FROM range(" + customers + ") t(i)");
            warehouse.execute("CREATE TABLE model.customer_scores AS SELECT customer_id, hash(customer_id, 1) % 1000 / 1000.0 AS churn_probability,"
                    + " CAST(hash(customer_id, 2) % 10 + 1 AS BIGINT) AS churn_decile, CAST(hash(customer_id, 3) % 10 + 1 AS BIGINT) AS ltv_decile"
                    + " FROM model.customers WHERE hash(customer_id) % 5 <> 0 ORDER BY random()");
            System.out.printf(Locale.ROOT, "DuckDB in memory, %d CPUs: %,d customers, %,d scored, generated in %.1f s%n",
                    Runtime.getRuntime().availableProcessors(), customers, count(warehouse, "SELECT count(*) FROM model.customer_scores"),
                    (System.nanoTime() - start) / 1e9);
            ModelCatalog catalog = ModelCatalog.read(warehouse);
            AudienceCompiler compiler = new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.empty(), AudienceBenchmark.AS_OF);
            for (String[] benchCase : CASES) {
                CompiledAudience compiled = compiler.compile(AudienceParser.parseDefinition("bench",
                        new ObjectMapper().readTree(("{'rule': " + benchCase[1] + "}").replace('\'', '"'))));
                run(warehouse, benchCase[0], compiled, benchCase[2], benchCase[3], repetitions);
            }
        }
    }

    private static void run(Warehouse warehouse, String name, CompiledAudience compiled, String handWritten, String joined, int repetitions) {
        Object[] parameters = compiled.parameters().toArray();
        long compiledCount = count(warehouse, compiled.countSql(), parameters);
        long handCount = count(warehouse, handWritten);
        long joinedCount = count(warehouse, joined);
        double[] compiledSeconds = new double[repetitions];
        double[] handSeconds = new double[repetitions];
        double[] joinedSeconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long at = System.nanoTime();
            compiledCount = count(warehouse, compiled.countSql(), parameters);
            compiledSeconds[i] = (System.nanoTime() - at) / 1e9;
            at = System.nanoTime();
            handCount = count(warehouse, handWritten);
            handSeconds[i] = (System.nanoTime() - at) / 1e9;
            at = System.nanoTime();
            joinedCount = count(warehouse, joined);
            joinedSeconds[i] = (System.nanoTime() - at) / 1e9;
        }
        System.out.printf(Locale.ROOT, "%n%s: %,d members%n  compiled     %s%n  hand-written %s%n  whole join   %s%n"
                + "  median %.3f s compiled, %.3f s hand-written, %.3f s whole join; compiled / hand-written %.2fx, whole join / compiled %.2fx%n",
                name, compiledCount, compiled.sql(), handWritten, joined, median(compiledSeconds), median(handSeconds), median(joinedSeconds),
                median(compiledSeconds) / median(handSeconds), median(joinedSeconds) / median(compiledSeconds));
        if (compiledCount != handCount || compiledCount != joinedCount) {
            throw new IllegalStateException(name + ": the counts differ: compiled " + compiledCount + ", hand-written " + handCount
                    + ", whole join " + joinedCount);
        }
    }

    private static long count(Warehouse warehouse, String sql, Object... parameters) {
        return ((Number) warehouse.queryAll(sql, parameters).rows().get(0)[0]).longValue();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
