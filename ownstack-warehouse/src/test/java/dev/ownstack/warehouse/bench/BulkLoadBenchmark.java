package dev.ownstack.warehouse.bench;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Measures the bulk path: N synthetic rows of eight mixed columns appended through
 * {@link RowWriter}, against the engine's own CSV loader reading the same rows from a file
 * (DuckDB {@code read_csv}, PostgreSQL server-side {@code COPY ... FROM '<file>'}). Not a test:
 * run it by hand, on a quiet machine, and read the figures.
 *
 * <p>Arguments: {@code [rows] [engines]}, default {@code 1000000 duckdb,postgres}. PostgreSQL is
 * the test server {@link PostgresTestDatabase} uses; the CSV file goes to the system temp folder,
 * made readable for the server's own user. From the repository root:
 *
 * <pre>
 * mvn -q -B -pl ownstack-warehouse -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/ownstack-cp.txt
 * java -Xmx1g -cp ownstack-warehouse/target/test-classes:ownstack-warehouse/target/classes:$(cat /tmp/ownstack-cp.txt) \
 *     dev.ownstack.warehouse.bench.BulkLoadBenchmark 1000000
 * </pre>
 */
public final class BulkLoadBenchmark {
    private static final List<Column> COLUMNS = List.of(
            new Column("id", ColumnType.BIGINT),
            new Column("customer", ColumnType.STRING),
            new Column("email", ColumnType.STRING),
            new Column("amount", ColumnType.DECIMAL),
            new Column("quantity", ColumnType.BIGINT),
            new Column("score", ColumnType.DOUBLE),
            new Column("active", ColumnType.BOOLEAN),
            new Column("created_at", ColumnType.TIMESTAMPTZ));
    private static final List<String> NAMES = COLUMNS.stream().map(Column::name).toList();
    private static final OffsetDateTime START = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final DateTimeFormatter CSV_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

    private BulkLoadBenchmark() {
    }

    public static void main(String[] arguments) throws IOException {
        int rows = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        List<String> engines = List.of((arguments.length > 1 ? arguments[1] : "duckdb,postgres").split(","));
        Path folder = Files.createTempDirectory("ownstack-bench", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path csv = folder.resolve("rows.csv");
        long csvStart = System.nanoTime();
        writeCsv(csv, rows);
        System.out.printf(Locale.ROOT, "wrote %,d rows to %s (%,d MB) in %.2f s%n", rows, csv, Files.size(csv) >> 20, seconds(csvStart));
        System.out.printf(Locale.ROOT, "%-9s %-34s %12s %10s %14s%n", "engine", "path", "rows", "seconds", "rows/s");
        for (String engine : engines) {
            switch (engine) {
                case "duckdb" -> {
                    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(folder.resolve("benchmark-warehouse.duckdb").toString(), Duration.ofSeconds(5), System.err::println)) {
                        compare(warehouse, rows, "read_csv", table -> warehouse.execute("INSERT INTO " + warehouse.dialect().table(table)
                                + " SELECT * FROM read_csv(" + warehouse.dialect().stringLiteral(csv.toString()) + ", header = false, columns = {"
                                + COLUMNS.stream().map(column -> warehouse.dialect().stringLiteral(column.name()) + ": "
                                        + warehouse.dialect().stringLiteral(warehouse.dialect().typeName(column.type())))
                                        .collect(Collectors.joining(", ")) + "})"));
                    }
                }
                case "postgres" -> {
                    try (PostgresTestDatabase database = PostgresTestDatabase.create();
                         PostgresWarehouse warehouse = PostgresWarehouse.connect(database.config())) {
                        compare(warehouse, rows, "COPY FROM file (server side)", table -> warehouse.execute("COPY " + warehouse.dialect().table(table)
                                + " FROM " + warehouse.dialect().stringLiteral(csv.toString()) + " (FORMAT csv)"));
                    }
                }
                default -> throw new IllegalArgumentException("unknown engine " + engine + ": use duckdb or postgres");
            }
        }
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private interface NativeLoad {
        long load(TableName table);
    }

    private static void compare(Warehouse warehouse, int rows, String nativeName, NativeLoad nativeLoad) {
        String engine = warehouse.dialect().name();
        TableName written = new TableName("bench", "through_row_writer");
        TableName loaded = new TableName("bench", "through_native_csv");
        warehouse.ensureTable(written, COLUMNS, List.of());
        warehouse.ensureTable(loaded, COLUMNS, List.of());

        long writerStart = System.nanoTime();
        try (RowWriter writer = warehouse.append(written, NAMES)) {
            for (int i = 0; i < rows; i++) {
                writer.write(row(i));
            }
        }
        double writerSeconds = seconds(writerStart);

        long nativeStart = System.nanoTime();
        long nativeRows = nativeLoad.load(loaded);
        double nativeSeconds = seconds(nativeStart);

        long writtenRows = ((Number) warehouse.queryAll("SELECT count(*) FROM " + warehouse.dialect().table(written)).singleValue()).longValue();
        if (writtenRows != rows || nativeRows != rows) {
            throw new IllegalStateException(engine + ": expected " + rows + " rows, the writer left " + writtenRows
                    + " and the native load " + nativeRows);
        }
        print(engine, "RowWriter", rows, writerSeconds);
        print(engine, nativeName, rows, nativeSeconds);
        System.out.printf(Locale.ROOT, "%-9s RowWriter takes %.2fx the time of %s%n", engine, writerSeconds / nativeSeconds, nativeName);
    }

    private static void print(String engine, String path, int rows, double seconds) {
        System.out.printf(Locale.ROOT, "%-9s %-34s %,12d %10.2f %,14.0f%n", engine, path, rows, seconds, rows / seconds);
    }

    /** Row {@code i} of the synthetic data: every tenth email is null. */
    private static Object[] row(int i) {
        return new Object[] {
                (long) i,
                "customer-" + (i % 50_000),
                i % 10 == 0 ? null : "user" + i + "@example.com",
                BigDecimal.valueOf(i % 100_000, 2),
                (long) (i % 7),
                (i % 1000) / 7.0,
                i % 3 != 0,
                START.plusSeconds(i)};
    }

    private static void writeCsv(Path file, int rows) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(160);
            for (int i = 0; i < rows; i++) {
                Object[] values = row(i);
                line.setLength(0);
                line.append(values[0]).append(",\"").append(values[1]).append("\",");
                if (values[2] != null) {
                    line.append('"').append(values[2]).append('"');
                }
                line.append(',').append(((BigDecimal) values[3]).toPlainString()).append(',').append(values[4]).append(',')
                        .append(values[5]).append(',').append(values[6]).append(',')
                        .append(CSV_TIMESTAMP.format((OffsetDateTime) values[7])).append('\n');
                out.append(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().setReadable(true, false);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
