package dev.ownstack.activation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts one audience on DuckDB with the compiled SQL and with a hand-written query over the same
 * tables, in the same run: a trait ({@code country in GB, IE}), an event with a property filter
 * and a window ({@code Order Completed} with {@code total > 50} in the last 90 days) and a
 * transaction condition (sum over the last 365 days above 200). Generates the model tables in a
 * DuckDB file first (reused when it already has the requested row counts), warms both queries up,
 * then alternates them and prints the median of each, their ratio and the counts, which must be
 * equal; also the CPU time of each, which other work on a shared machine disturbs less than wall
 * time. With {@code BENCH_EXPLAIN=1} also prints both plans with EXPLAIN ANALYZE.
 *
 * <pre>java ... AudienceBenchmark [CUSTOMERS] [EVENTS] [REPETITIONS] [DUCKDB_FILE]</pre>
 */
public final class AudienceBenchmark {
    static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");
    static final String RULE = "{'all': [{'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']},"
            + " {'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}], 'within-days': 90},"
            + " {'transactions': 'sum', 'operator': 'greater', 'value': 200, 'within-days': 365}]}";
    private static final int WARM_UP = 2;

    private AudienceBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long customers = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        long events = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 20_000_000;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        Path file = Path.of(args.length > 3 ? args[3] : "ownstack-activation/target/audience-bench-clustered.duckdb");
        long transactions = customers * 3;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(60), System.out::println)) {
            if (!hasRows(warehouse, customers, events, transactions)) {
                warehouse.close();
                Files.deleteIfExists(file);
                Files.deleteIfExists(Path.of(file + ".wal"));
                generate(file, customers, events, transactions);
            }
        }
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(60), System.out::println)) {
            run(warehouse, repetitions);
        }
    }

    private static void run(Warehouse warehouse, int repetitions) throws IOException {
        System.out.println(describe(warehouse));
        long start = System.nanoTime();
        ModelCatalog catalog = ModelCatalog.read(warehouse);
        System.out.printf(Locale.ROOT, "catalog read in %.2f s (%d event names)%n", seconds(start), catalog.events().size());
        AudienceDefinition definition = AudienceParser.parseDefinition("bench", new ObjectMapper().readTree(
                ("{'rule': " + RULE + "}").replace('\'', '"')));
        start = System.nanoTime();
        CompiledAudience compiled = new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.empty(), AS_OF).compile(definition);
        System.out.printf(Locale.ROOT, "compiled in %.1f ms%n%nrule: %s%ncompiled: %s%nparameters: %s%n", (System.nanoTime() - start) / 1e6,
                RULE.replace('\'', '"'), compiled.countSql(), compiled.parameters());
        String handWritten = resource("audience-hand-written.sql");
        Object[] handParameters = {time(AS_OF.minus(Duration.ofDays(90))), time(AS_OF), time(AS_OF.minus(Duration.ofDays(365))), time(AS_OF)};
        Object[] compiledParameters = compiled.parameters().toArray();

        long compiledCount = 0;
        long handCount = 0;
        for (int i = 0; i < WARM_UP; i++) {
            compiledCount = count(warehouse, compiled.countSql(), compiledParameters);
            handCount = count(warehouse, handWritten, handParameters);
        }
        double[] compiledSeconds = new double[repetitions];
        double[] handSeconds = new double[repetitions];
        double[] compiledCpu = new double[repetitions];
        double[] handCpu = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long at = System.nanoTime();
            long cpu = cpuNanos();
            compiledCount = count(warehouse, compiled.countSql(), compiledParameters);
            compiledSeconds[i] = seconds(at);
            compiledCpu[i] = (cpuNanos() - cpu) / 1e9;
            at = System.nanoTime();
            cpu = cpuNanos();
            handCount = count(warehouse, handWritten, handParameters);
            handSeconds[i] = seconds(at);
            handCpu[i] = (cpuNanos() - cpu) / 1e9;
        }
        double compiledMedian = median(compiledSeconds);
        double handMedian = median(handSeconds);
        System.out.printf(Locale.ROOT, "%nmembers: compiled %,d, hand-written %,d%n", compiledCount, handCount);
        System.out.printf(Locale.ROOT, "compiled     median %.3f s, fastest %.3f s  (runs %s)%n", compiledMedian,
                Arrays.stream(compiledSeconds).min().orElseThrow(), list(compiledSeconds));
        System.out.printf(Locale.ROOT, "hand-written median %.3f s, fastest %.3f s  (runs %s)%n", handMedian,
                Arrays.stream(handSeconds).min().orElseThrow(), list(handSeconds));
        System.out.printf(Locale.ROOT, "CPU time (all threads of this process; steadier than wall time on a shared machine):"
                + " compiled median %.3f s, hand-written median %.3f s, ratio %.2fx%n", median(compiledCpu), median(handCpu),
                median(compiledCpu) / median(handCpu));
        double[] pairRatios = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            pairRatios[i] = compiledSeconds[i] / handSeconds[i];
        }
        System.out.printf(Locale.ROOT, "compiled / hand-written: %.2fx of the medians, %.2fx median of the %d back-to-back pairs"
                + " (goal: at most 1.20x and under 1 s)%n", compiledMedian / handMedian, median(pairRatios), repetitions);
        if ("1".equals(System.getenv("BENCH_EXPLAIN"))) {
            explain(warehouse, "compiled", compiled.countSql(), compiledParameters);
            explain(warehouse, "hand-written", handWritten, handParameters);
        }
        if (compiledCount != handCount) {
            throw new IllegalStateException("the counts differ: compiled " + compiledCount + ", hand-written " + handCount);
        }
    }

    private static boolean hasRows(Warehouse warehouse, long customers, long events, long transactions) {
        try {
            Object[] row = warehouse.queryAll("SELECT (SELECT count(*) FROM model.customers), (SELECT count(*) FROM model.events),"
                    + " (SELECT count(*) FROM model.transactions)").rows().get(0);
            return ((Number) row[0]).longValue() == customers && ((Number) row[1]).longValue() == events
                    && ((Number) row[2]).longValue() == transactions;
        } catch (RuntimeException noTables) {
            return false;
        }
    }

    private static void generate(Path file, long customers, long events, long transactions) throws IOException {
        long start = System.nanoTime();
        String script = resource("audience-data.sql").replace("${CUSTOMERS}", Long.toString(customers))
                .replace("${EVENTS}", Long.toString(events)).replace("${TRANSACTIONS}", Long.toString(transactions));
        try (Warehouse warehouse = DuckDbWarehouse.open(file.toString(), Duration.ofSeconds(60), System.out::println)) {
            for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    warehouse.execute(statement);
                }
            }
            warehouse.execute("CHECKPOINT");
        }
        System.out.printf(Locale.ROOT, "generated %,d customers, %,d events, %,d transactions in %.1f s (%,d MiB file)%n", customers, events,
                transactions, seconds(start), Files.size(file) >> 20);
    }

    private static long count(Warehouse warehouse, String sql, Object[] parameters) {
        return ((Number) warehouse.queryAll(sql, parameters).rows().get(0)[0]).longValue();
    }

    private static void explain(Warehouse warehouse, String label, String sql, Object[] parameters) {
        System.out.println("\nEXPLAIN ANALYZE " + label + ":");
        warehouse.queryAll("EXPLAIN ANALYZE " + sql, parameters).rows().forEach(row -> System.out.println(row[row.length - 1]));
    }

    private static String describe(Warehouse warehouse) {
        Object[] row = warehouse.queryAll("SELECT (SELECT count(*) FROM model.customers), (SELECT count(*) FROM model.events),"
                + " (SELECT count(*) FROM model.transactions), current_setting('threads'), version()").rows().get(0);
        return String.format(Locale.ROOT, "DuckDB %s, %s threads, %d CPUs: %,d customers, %,d events, %,d transactions", row[4], row[3],
                Runtime.getRuntime().availableProcessors(), ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AudienceBenchmark.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /bench/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static LocalDateTime time(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String list(double[] values) {
        List<String> texts = new ArrayList<>();
        for (double value : values) {
            texts.add(String.format(Locale.ROOT, "%.3f", value));
        }
        return String.join(" ", texts);
    }

    /** CPU time of the whole process: DuckDB runs its threads inside it. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
