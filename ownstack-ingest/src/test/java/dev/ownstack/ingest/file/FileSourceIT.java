package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same guarantees on PostgreSQL, where data goes in by COPY and rejects after it. */
class FileSourceIT {
    @TempDir
    Path project;

    PostgresTestDatabase database;
    Warehouse warehouse;

    @BeforeEach
    void connect() {
        database = PostgresTestDatabase.create();
        warehouse = PostgresWarehouse.connect(database.config());
    }

    @AfterEach
    void disconnect() {
        warehouse.close();
        database.close();
    }

    void write(String file, String content) throws IOException {
        Files.createDirectories(project.resolve(file).getParent());
        Files.writeString(project.resolve(file), content);
    }

    LoadResult load(String path, OnError onError) {
        SourceConfig.Files config = new SourceConfig.Files("orders", List.of(path), Optional.empty(), FileSourceTest.TABLE,
                CsvOptions.DEFAULT, Map.of(), onError);
        return new FileSource(config, project).load(warehouse, LoadProgress.NONE);
    }

    List<String> rows(String sql) {
        return warehouse.queryAll(sql).rows().stream().map(Arrays::toString).toList();
    }

    @Test
    void under_skip_bad_rows_go_to_rejects_in_the_same_transaction_as_the_good_ones() throws IOException {
        write("data/a.csv", "id,amount,note\n1,2.5,\"with \"\"quotes\"\", commas\nand a line break\"\n2,3.5,x,extra\n3,4,\n");

        LoadResult result = load("data/*.csv", OnError.SKIP);
        LoadResult again = load("data/*.csv", OnError.SKIP);

        assertEquals(2, result.rowsLoaded());
        assertEquals(1, result.rowsRejected());
        assertEquals(0, again.rowsLoaded());
        assertEquals(List.of("[1, 2.5, with \"quotes\", commas\nand a line break, 2]", "[3, 4.0, null, 5]"),
                rows("SELECT id, amount, note, _ownstack_line FROM raw.orders ORDER BY id"));
        assertEquals(List.of("[data/a.csv:4, expected 3 fields as in the header, found 4, 2,3.5,x,extra]"),
                rows("SELECT location, reason, raw_row FROM ownstack.load_rejects"));
    }

    @Test
    void under_fail_a_bad_row_rolls_back_its_file_and_keeps_the_files_before_it() throws IOException {
        write("data/1.csv", "id\n1\n");
        load("data/*.csv", OnError.FAIL);
        write("data/2.csv", "id\n2\nthree\n");

        OwnstackException error = assertThrows(OwnstackException.class, () -> load("data/*.csv", OnError.FAIL));

        assertEquals("data/2.csv:3, column id: 'three' is not a bigint (column id of raw.orders already has type bigint)", error.getMessage());
        assertEquals(List.of("[1]"), rows("SELECT id FROM raw.orders"));
        assertEquals(List.of("[1]"), rows("SELECT count(*) FROM ownstack.loaded_files"));
    }

    @Test
    void a_changed_file_and_a_new_column_reload_and_evolve_the_table() throws IOException {
        write("data/1.csv", "id,name\n1,one\n2,two\n");
        load("data/*.csv", OnError.FAIL);
        write("data/1.csv", "id,name\n1,uno\n");
        write("data/2.jsonl", "{\"id\": 3, \"name\": \"three\", \"tags\": [\"x\"], \"seen\": \"2024-05-01T10:00:00+02:00\"}\n");

        load("data/*", OnError.FAIL);

        assertEquals(List.of(new Column("tags", ColumnType.JSON), new Column("seen", ColumnType.TIMESTAMPTZ)),
                warehouse.describe(FileSourceTest.TABLE).orElseThrow().subList(5, 7));
        assertEquals(List.of("[1, uno, null, null]", "[3, three, x, 2024-05-01 08:00:00]"), rows("SELECT id, name, tags->>0,"
                + " to_char(seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM raw.orders ORDER BY id"));
    }

    @Test
    void loads_parquet_decimals_and_nested_values() {
        Path file = project.resolve("orders.parquet");
        try (Warehouse writer = DuckDbWarehouse.inMemory()) {
            writer.execute("COPY (SELECT i AS id, i * 1.25 AS amount, {'k': i} AS attributes FROM range(1, 3) t(i)) TO '" + file + "' (FORMAT parquet)");
        }

        load("orders.parquet", OnError.FAIL);

        assertEquals(List.of("[1, 1.250000000, 1]", "[2, 2.500000000, 2]"), rows("SELECT id, amount, attributes->>'k' FROM raw.orders ORDER BY id"));
    }
}
