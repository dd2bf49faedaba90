package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.FileFormat;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    static final TableName TABLE = new TableName("raw", "orders");

    @TempDir
    Path project;

    final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    static SourceConfig.Files source(String path, Map<String, ColumnType> columns, OnError onError) {
        return new SourceConfig.Files("orders", List.of(path), Optional.empty(), TABLE, CsvOptions.DEFAULT, columns, onError);
    }

    Path write(String file, String content) throws IOException {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }

    LoadResult load(SourceConfig.Files config) {
        return new FileSource(config, project).load(warehouse, LoadProgress.NONE);
    }

    List<String> rows(String sql) {
        return warehouse.queryAll(sql).rows().stream().map(Arrays::toString).toList();
    }

    @Test
    void loads_a_csv_file_with_inferred_types_and_lineage_columns() throws IOException {
        write("data/orders.csv", "Order ID,Customer,Amount,Paid,Ordered On,Shipped At\n"
                + "1,\"Smith, Anna\",12.50,true,2024-01-31,2024-02-01 10:00:00\n"
                + "2,Bob,,false,2024-02-01,2024-02-02T11:30:00Z\n");

        LoadResult result = load(source("data/*.csv", Map.of(), OnError.FAIL));

        assertEquals(2, result.rowsLoaded());
        assertEquals(List.of(new Column("order_id", ColumnType.BIGINT), new Column("customer", ColumnType.STRING),
                new Column("amount", ColumnType.DOUBLE), new Column("paid", ColumnType.BOOLEAN), new Column("ordered_on", ColumnType.DATE),
                new Column("shipped_at", ColumnType.TIMESTAMPTZ), new Column(Lineage.FILE, ColumnType.STRING),
                new Column(Lineage.LINE, ColumnType.BIGINT), new Column(Lineage.LOADED_AT, ColumnType.TIMESTAMPTZ)),
                warehouse.describe(TABLE).orElseThrow());
        assertEquals(List.of("[1, Smith, Anna, 12.5, true, 2024-01-31, 2024-02-01 10:00Z, 2]", "[2, Bob, null, false, 2024-02-01, 2024-02-02 11:30Z, 3]"),
                rows("SELECT order_id, customer, amount, paid, ordered_on, shipped_at AT TIME ZONE 'UTC' || 'Z', _ownstack_line"
                        + " FROM raw.orders ORDER BY 1").stream().map(row -> row.replace(":00Z", "Z")).toList());
        assertEquals(List.of("[" + project.resolve("data/orders.csv") + "]"), rows("SELECT DISTINCT _ownstack_file FROM raw.orders"));
    }

    @Test
    void reads_configured_delimiter_null_values_headerless_files_and_gzip() throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(project.resolve("plain.tsv.gz")))) {
            out.write("7\tNA\t\"NA\"\n8\tx\t\n".getBytes(StandardCharsets.UTF_8));
        }
        SourceConfig.Files config = new SourceConfig.Files("orders", List.of("plain.tsv.gz"), Optional.empty(), TABLE,
                new CsvOptions('\t', '"', false, List.of("NA", "")), Map.of(), OnError.FAIL);

        load(config);

        assertEquals(List.of("[7, null, NA]", "[8, x, null]"), rows("SELECT column_1, column_2, column_3 FROM raw.orders ORDER BY 1"));
    }

    @Test
    void ignores_empty_fields_left_by_trailing_delimiters_but_not_extra_values() throws IOException {
        write("orders.csv", "id,name\n1,one,\n2,two,,\n3,three,x\n");

        LoadResult result = load(source("orders.csv", Map.of(), OnError.SKIP));

        assertEquals(List.of("[1, one]", "[2, two]"), rows("SELECT id, name FROM raw.orders ORDER BY id"));
        assertEquals(1, result.rowsRejected());
    }

    @Test
    void an_override_sets_a_column_type_by_its_header_or_sanitized_name() throws IOException {
        write("orders.csv", "Order ID,Zip\n1,501\n2,502\n");

        load(source("orders.csv", Map.of("Order ID", ColumnType.STRING, "zip", ColumnType.DECIMAL), OnError.FAIL));

        List<Column> columns = warehouse.describe(TABLE).orElseThrow();
        assertEquals(new Column("order_id", ColumnType.STRING), columns.get(0));
        assertEquals(new Column("zip", ColumnType.DECIMAL), columns.get(1));
    }

    @Test
    void an_override_naming_no_column_is_an_error_listing_the_columns() throws IOException {
        write("orders.csv", "Order ID,Zip\n1,501\n");

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> load(source("orders.csv", Map.of("zipcode", ColumnType.STRING), OnError.FAIL)));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertEquals("sources.orders.columns.zipcode: no such column in orders.csv; the columns are order_id, zip", error.getMessage());
        assertTrue(warehouse.describe(TABLE).isEmpty(), "nothing is created before the configuration is known to be good");
    }

    @Test
    void a_value_that_does_not_fit_the_inferred_type_fails_naming_file_line_column_and_value() throws IOException {
        write("a.csv", "InvoiceNo,Qty\n536365,6\n");
        write("b.csv", "InvoiceNo,Qty\n536366,1\n\"C536379\",2\n");
        SourceConfig.Files config = new SourceConfig.Files("retail", List.of("a.csv", "b.csv"), Optional.empty(), TABLE,
                CsvOptions.DEFAULT, Map.of(), OnError.FAIL);
        // a sample of one row per file is not enough to see the C: load b.csv with a.csv's types
        load(new SourceConfig.Files("retail", List.of("a.csv"), Optional.empty(), TABLE, CsvOptions.DEFAULT, Map.of(), OnError.FAIL));

        OwnstackException error = assertThrows(OwnstackException.class, () -> load(config));

        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        assertEquals("b.csv:3, column InvoiceNo: 'C536379' is not a bigint (column invoiceno of raw.orders already has type bigint)",
                error.getMessage());
        assertEquals(List.of("[536365]"), rows("SELECT invoiceno FROM raw.orders"), "the failing file's rows are rolled back");
        assertEquals(List.of("[1]"), rows("SELECT count(*) FROM ownstack.loaded_files"));
    }

    @Test
    void files_before_a_failing_file_stay_loaded_though_they_shared_its_transaction() throws IOException {
        write("data/1.csv", "id\n1\n");
        write("data/2.csv", "id\n2\n");
        write("data/3.csv", "id\n3\nx\n");
        write("data/4.csv", "id\n4\n");
        assertEquals(1, FileSource.batches(List.of(FileFingerprint.of(project.resolve("data/1.csv")),
                FileFingerprint.of(project.resolve("data/4.csv")))).size());

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> load(source("data/*.csv", Map.of("id", ColumnType.BIGINT), OnError.FAIL)));

        assertEquals("data/3.csv:3, column id: 'x' is not a bigint (the type is set by sources.orders.columns.id)", error.getMessage());
        assertEquals(List.of("[1]", "[2]"), rows("SELECT id FROM raw.orders ORDER BY id"));
        assertEquals(List.of("[2]"), rows("SELECT count(*) FROM ownstack.loaded_files"));
    }

    @Test
    void files_share_transactions_of_up_to_8_megabytes_or_1000_files() {
        java.util.function.LongFunction<FileFingerprint> file = size -> new FileFingerprint(project.resolve(size + ".csv"), size,
                java.time.OffsetDateTime.now(), "hash");
        long megabyte = 1 << 20;

        assertEquals(List.of(2, 1, 1), FileSource.batches(List.of(file.apply(3 * megabyte), file.apply(5 * megabyte),
                file.apply(20 * megabyte), file.apply(1))).stream().map(List::size).toList());
        assertEquals(List.of(1000, 500), FileSource.batches(java.util.stream.LongStream.range(0, 1500).mapToObj(file).toList())
                .stream().map(List::size).toList());
    }

    @Test
    void a_value_past_the_sample_that_breaks_the_inferred_type_says_how_to_override() throws IOException {
        StringBuilder csv = new StringBuilder("InvoiceNo\n");
        for (int i = 0; i < FileSource.FIRST_FILE_SAMPLE; i++) {
            csv.append(536365 + i).append('\n');
        }
        csv.append("C536379\n");
        write("big.csv", csv.toString());

        OwnstackException error = assertThrows(OwnstackException.class, () -> load(source("big.csv", Map.of(), OnError.FAIL)));

        assertEquals("big.csv:10002, column InvoiceNo: 'C536379' is not a bigint (types were inferred from 10,000 sampled rows:"
                + " the first 10,000 of the first file and up to 1,000 of each other; set sources.orders.columns.invoiceno: string"
                + " to override)", error.getMessage());
    }

    @Test
    void under_skip_bad_rows_go_to_rejects_with_their_reason_and_good_rows_load() throws IOException {
        write("orders.csv", "id,amount\n1,2.5\n2,3.5,extra\n3,4.5\n\"4,5.5\n");
        write("more.csv", "id,amount\nx,1\n5,6.5\n");

        LoadResult result = load(new SourceConfig.Files("orders", List.of("orders.csv", "more.csv"), Optional.empty(), TABLE,
                CsvOptions.DEFAULT, Map.of("id", ColumnType.BIGINT), OnError.SKIP));

        assertEquals(3, result.rowsLoaded());
        assertEquals(3, result.rowsRejected());
        assertEquals(List.of("[1, 2]", "[3, 4]", "[5, 3]"), rows("SELECT id, _ownstack_line FROM raw.orders ORDER BY id"));
        assertEquals(List.of(
                "[orders, raw.orders, orders.csv:3, , expected 2 fields as in the header, found 3, 2,3.5,extra]",
                "[orders, raw.orders, orders.csv:5, , a quoted field opened on line 5 is never closed, \"4,5.5\n\"]",
                "[orders, raw.orders, more.csv:2, id, 'x' is not a bigint (the type is set by sources.orders.columns.id), {\"id\":\"x\",\"amount\":\"1\"}]"),
                rows("SELECT source, target_table, location, column_name, reason, raw_row FROM ownstack.load_rejects ORDER BY rejected_at, location DESC"));
        assertEquals(List.of("[more.csv, 1, 1]", "[orders.csv, 2, 2]"),
                rows("SELECT regexp_extract(file_path, '[^/]+$'), rows_loaded, rows_rejected FROM ownstack.loaded_files ORDER BY 1"));
    }

    @Test
    void running_twice_adds_nothing_and_says_so() throws IOException {
        write("data/a.csv", "id\n1\n2\n");
        write("data/b.csv", "id\n3\n");

        LoadResult first = load(source("data/*.csv", Map.of(), OnError.FAIL));
        LoadResult second = load(source("data/*.csv", Map.of(), OnError.FAIL));

        assertEquals(3, first.rowsLoaded());
        assertEquals(0, second.rowsLoaded());
        assertEquals(List.of("2 files already loaded"), second.notes());
        assertEquals(List.of("[3]"), rows("SELECT count(*) FROM raw.orders"));
    }

    @Test
    void a_changed_file_replaces_its_earlier_rows_and_a_new_file_adds_its_own() throws IOException {
        write("data/a.csv", "id,name\n1,one\n2,two\n");
        write("data/b.csv", "id,name\n3,three\n");
        load(source("data/*.csv", Map.of(), OnError.FAIL));
        write("data/a.csv", "id,name\n1,uno\n");
        write("data/c.csv", "id,name\n4,four\n");

        LoadResult second = load(source("data/*.csv", Map.of(), OnError.FAIL));

        assertEquals(List.of("1 file already loaded", "loaded 2 files", "1 changed file reloaded, earlier rows replaced"), second.notes());
        assertEquals(List.of("[1, uno]", "[3, three]", "[4, four]"), rows("SELECT id, name FROM raw.orders ORDER BY id"));
        assertEquals(List.of("[3]"), rows("SELECT count(*) FROM ownstack.loaded_files"));
    }

    @Test
    void a_new_column_in_a_later_file_is_added_and_earlier_rows_hold_null() throws IOException {
        write("data/1.csv", "id,name\n1,one\n");
        load(source("data/*.csv", Map.of(), OnError.FAIL));
        write("data/2.csv", "name,id,Signup Date\ntwo,2,2024-03-01\n");

        load(source("data/*.csv", Map.of(), OnError.FAIL));

        assertEquals(new Column("signup_date", ColumnType.DATE), warehouse.describe(TABLE).orElseThrow().get(5));
        assertEquals(List.of("[1, one, null]", "[2, two, 2024-03-01]"), rows("SELECT id, name, signup_date FROM raw.orders ORDER BY id"));
    }

    @Test
    void values_are_converted_to_the_type_a_column_already_has() throws IOException {
        warehouse.ensureTable(TABLE, List.of(new Column("code", ColumnType.STRING), new Column("amount", ColumnType.DOUBLE)), List.of());
        write("codes.csv", "code,amount\n42,7\n");

        load(source("codes.csv", Map.of(), OnError.FAIL));

        assertEquals(List.of("[42, 7.0]"), rows("SELECT code, amount FROM raw.orders"));
    }

    @Test
    void loads_json_lines_with_nested_values_as_json_and_rejects_lines_that_are_not_objects() throws IOException {
        write("events.jsonl", "{\"id\": 1, \"user\": {\"name\": \"Ann\"}, \"tags\": [\"a\"], \"at\": \"2024-01-01T10:00:00Z\", \"score\": 1.5}\n"
                + "\n"
                + "[1, 2]\n"
                + "{\"id\": 2, \"Extra Key\": true, \"score\": 2}\n"
                + "{\"id\": 3,\n");

        LoadResult result = load(source("events.jsonl", Map.of(), OnError.SKIP));

        assertEquals(2, result.rowsLoaded());
        assertEquals(List.of(new Column("id", ColumnType.BIGINT), new Column("user", ColumnType.JSON), new Column("tags", ColumnType.JSON),
                new Column("at", ColumnType.TIMESTAMPTZ), new Column("score", ColumnType.DOUBLE), new Column("extra_key", ColumnType.BOOLEAN)),
                warehouse.describe(TABLE).orElseThrow().subList(0, 6));
        assertEquals(List.of("[1, Ann, [\"a\"], 1.5, null, 1]", "[2, null, null, 2.0, true, 4]"),
                rows("SELECT id, user->>'name', tags, score, extra_key, _ownstack_line FROM raw.orders ORDER BY id"));
        List<String> rejects = rows("SELECT location, reason FROM ownstack.load_rejects ORDER BY location");
        assertEquals("[events.jsonl:3, expected a JSON object, found an array]", rejects.get(0));
        assertTrue(rejects.get(1).startsWith("[events.jsonl:5, not valid JSON: "), rejects.get(1));
    }

    @Test
    void loads_parquet_with_its_declared_types_and_nested_columns_as_json() {
        Path file = project.resolve("orders.parquet");
        try (Warehouse writer = DuckDbWarehouse.inMemory()) {
            writer.execute("COPY (SELECT i AS id, 'name ' || i AS \"Customer Name\", i * 1.5 AS amount, DATE '2024-01-01' + i::INTEGER AS day,"
                    + " NULL::INTEGER AS empty, {'k': i} AS attributes, [i, i + 1] AS list FROM range(1, 4) t(i))"
                    + " TO '" + file + "' (FORMAT parquet)");
        }

        LoadResult result = load(source("orders.parquet", Map.of(), OnError.FAIL));

        assertEquals(3, result.rowsLoaded());
        assertEquals(List.of(new Column("id", ColumnType.BIGINT), new Column("customer_name", ColumnType.STRING),
                new Column("amount", ColumnType.DECIMAL), new Column("day", ColumnType.DATE), new Column("empty", ColumnType.BIGINT),
                new Column("attributes", ColumnType.JSON), new Column("list", ColumnType.JSON)), warehouse.describe(TABLE).orElseThrow().subList(0, 7));
        assertEquals(List.of("[3, name 3, 4.500000000, 2024-01-04, null, 3, [3,4], 3]"),
                rows("SELECT id, customer_name, amount, day, empty, attributes->>'k', list, _ownstack_line FROM raw.orders WHERE id = 3"));
    }

    @Test
    void a_file_whose_format_cannot_be_told_from_its_name_needs_one_configured() throws IOException {
        write("export.dat", "id\n1\n");

        OwnstackException error = assertThrows(OwnstackException.class, () -> load(source("export.dat", Map.of(), OnError.FAIL)));
        LoadResult result = load(FileSource.oneOff("export.dat", TABLE, Optional.of(FileFormat.CSV), OnError.FAIL));

        assertTrue(error.getMessage().contains("set sources.orders.format to csv, jsonl or parquet"), error.getMessage());
        assertEquals(1, result.rowsLoaded());
    }

    @Test
    void the_configuration_keys_of_the_documentation_reach_the_load() throws IOException {
        write("data/by-day/2010-12-01.csv", "InvoiceNo;StockCode;Quantity;CustomerID\n536365;85123A;6;NA\nC536379;22423;x;17850\n");
        write("ownstack.yml", String.join("\n",
                "warehouse: {type: duckdb, path: \":memory:\"}",
                "sources:",
                "  retail:",
                "    type: file",
                "    path: data/by-day/*.csv",
                "    format: csv",
                "    table: raw.orders",
                "    csv: {delimiter: \";\", quote: '\"', header: true, null-values: [\"\", \"NA\"]}",
                "    columns: {InvoiceNo: string, quantity: bigint}",
                "    on-error: skip", ""));
        SourceConfig.Files config = (SourceConfig.Files) dev.ownstack.core.config.ProjectConfigLoader.withSystemEnvironment()
                .load(project).source("retail").orElseThrow();

        LoadResult result = new FileSource(config, project).load(warehouse, LoadProgress.NONE);

        assertEquals(1, result.rowsRejected());
        assertEquals(List.of("[536365, 85123A, 6, null]"), rows("SELECT invoiceno, stockcode, quantity, customerid FROM raw.orders"));
    }

    @Test
    void a_file_that_changes_while_it_loads_is_not_kept() throws IOException {
        Path file = write("data/a.csv", "id\n1\n");
        LoadProgress appendWhileLoading = (name, step, rows) -> {
            if (step.endsWith("a.csv")) {
                try {
                    Files.writeString(file, "id\n1\n2\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> new FileSource(source("data/*.csv", Map.of(), OnError.FAIL), project).load(warehouse, appendWhileLoading));

        assertEquals(ErrorCode.IO_FAILED, error.code());
        assertTrue(error.getMessage().contains("changed while it was being loaded"), error.getMessage());
        assertEquals(List.of("[0]"), rows("SELECT count(*) FROM raw.orders"));
        assertEquals(List.of("[0]"), rows("SELECT count(*) FROM ownstack.loaded_files"));
    }

    @Test
    void reports_progress_per_file() throws IOException {
        write("data/a.csv", "id\n1\n2\n");
        write("data/b.csv", "id\n3\n");
        List<String> steps = new java.util.ArrayList<>();

        new FileSource(source("data/*.csv", Map.of(), OnError.FAIL), project)
                .load(warehouse, (name, step, rows) -> steps.add(name + " " + step + " " + rows));

        assertEquals(List.of("orders data/a.csv 0", "orders data/b.csv 2", "orders done 3"), steps);
    }
}
