package dev.ownstack.ingest.singer;

import static dev.ownstack.ingest.singer.Taps.count;
import static dev.ownstack.ingest.singer.Taps.rows;
import static dev.ownstack.ingest.singer.Taps.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.IngestTables;
import dev.ownstack.ingest.LoadProgress;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingerSourceTest {
    private final Warehouse warehouse = DuckDbWarehouse.inMemory();

    @AfterEach
    void close() {
        warehouse.close();
    }

    @Test
    void the_first_run_loads_every_stream_and_saves_the_last_state() {
        LoadResult result = new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertEquals(6L, count(warehouse, "raw.shop_users"));
        assertEquals(6L, count(warehouse, "raw.shop_orders"));
        assertEquals(4L, count(warehouse, "raw.shop_page_views"), "a stream name is sanitised into the table name");
        assertEquals(19L, result.rowsLoaded());
        assertTrue(result.notes().contains("1 ACTIVATE_VERSION messages ignored"), result.notes().toString());
        assertEquals("{\"bookmarks\":{\"users\":{\"updated_at\":\"2024-05-01T10:06:00.000000Z\"},"
                + "\"orders\":{\"created_at\":\"2024-05-01T11:06:00+00:00\"}}}",
                IngestTables.state(warehouse, "shop", SingerSource.STATE_STREAM).orElseThrow());
        assertEquals(List.of(new Column("id", ColumnType.BIGINT), new Column("email", ColumnType.STRING), new Column("name", ColumnType.STRING),
                new Column("age", ColumnType.BIGINT), new Column("vip", ColumnType.BOOLEAN), new Column("score", ColumnType.DOUBLE),
                new Column("address", ColumnType.JSON), new Column("tags", ColumnType.JSON), new Column("birthday", ColumnType.DATE),
                new Column("updated_at", ColumnType.TIMESTAMPTZ)), warehouse.describe(new TableName("raw", "shop_users")).orElseThrow());
        assertEquals("User Two Renamed", warehouse.queryAll("SELECT name FROM raw.shop_users WHERE id = 2").singleValue());
        assertEquals("refunded", warehouse.queryAll("SELECT status FROM raw.shop_orders WHERE order_id = 1002").singleValue());
        assertEquals("Berlin", warehouse.queryAll("SELECT address->>'city' FROM raw.shop_users WHERE id = 1").singleValue());
    }

    @Test
    void the_next_run_resumes_after_the_saved_bookmark_and_adds_no_duplicates() {
        new SingerSource(source("shop.jsonl", OnError.FAIL, "--stop-after-states", "2")).load(warehouse, LoadProgress.NONE);
        assertEquals(3L, count(warehouse, "raw.shop_users"));
        assertEquals(3L, count(warehouse, "raw.shop_orders"));

        LoadResult resumed = new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertEquals(11L, resumed.rowsLoaded(), "only the records after the second STATE are read");
        assertTrue(resumed.notes().get(0).contains("resumed from saved state"), resumed.notes().toString());
        assertEquals(rows(complete(), "raw.shop_users", "id"), rows(warehouse, "raw.shop_users", "id"));
        assertEquals(rows(complete(), "raw.shop_orders", "order_id"), rows(warehouse, "raw.shop_orders", "order_id"));
        assertEquals(4L, count(warehouse, "raw.shop_page_views"));
    }

    @Test
    void a_run_without_new_data_adds_nothing() {
        new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);
        LoadResult again = new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertEquals(0L, again.rowsLoaded());
        assertEquals(6L, count(warehouse, "raw.shop_users"));
        assertEquals(4L, count(warehouse, "raw.shop_page_views"));
    }

    @Test
    void a_tap_failing_mid_way_keeps_what_its_last_state_covers_and_the_rerun_equals_one_complete_load() {
        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(
                source("shop.jsonl", OnError.FAIL, "--fail-after", "21")).load(warehouse, LoadProgress.NONE));

        assertEquals(ErrorCode.SOURCE_FAILED, failure.code());
        assertEquals(5L, count(warehouse, "raw.shop_users"), "the records before the third STATE are committed");
        assertEquals(3L, count(warehouse, "raw.shop_orders"), "order 1004 after the third STATE is rolled back");
        assertTrue(IngestTables.state(warehouse, "shop", SingerSource.STATE_STREAM).orElseThrow().contains("10:05:00"));

        new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        Warehouse complete = complete();
        for (String[] table : new String[][] {{"raw.shop_users", "id"}, {"raw.shop_orders", "order_id"}, {"raw.shop_page_views", "viewed_at"}}) {
            assertEquals(rows(complete, table[0], table[1]), rows(warehouse, table[0], table[1]), table[0]);
        }
    }

    @Test
    void a_tap_failing_before_its_first_state_leaves_nothing_behind() {
        assertThrows(OwnstackException.class, () -> new SingerSource(
                source("shop.jsonl", OnError.FAIL, "--fail-after", "8")).load(warehouse, LoadProgress.NONE));

        assertTrue(warehouse.describe(new TableName("raw", "shop_users")).isEmpty(), "the table created in the rolled back transaction is gone");
        assertTrue(IngestTables.state(warehouse, "shop", SingerSource.STATE_STREAM).isEmpty());
    }

    @Test
    void a_failure_on_our_side_stops_the_tap_and_rolls_back_to_the_last_commit() {
        LoadProgress failing = (source, step, rows) -> {
            if (rows >= 10) {
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class, () -> new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, failing));
        long committedUsers = count(warehouse, "raw.shop_users");

        new SingerSource(source("shop.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertTrue(committedUsers < 6, "the crash came before the end, " + committedUsers + " users committed");
        assertEquals(rows(complete(), "raw.shop_users", "id"), rows(warehouse, "raw.shop_users", "id"));
        assertEquals(4L, count(warehouse, "raw.shop_page_views"));
    }

    @Test
    void a_tap_exiting_non_zero_is_reported_with_its_exit_code_and_the_end_of_its_stderr() {
        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(
                source("shop.jsonl", OnError.FAIL, "--fail-after", "3")).load(warehouse, LoadProgress.NONE));

        assertEquals(ErrorKind.EXTERNAL, failure.kind());
        assertTrue(failure.getMessage().contains("exited with code 1"), failure.getMessage());
        assertTrue(failure.getMessage().contains("replay tap: syncing stream failed\nreplay tap: connection reset by the source after 3 messages"),
                failure.getMessage());
    }

    @Test
    void a_line_that_is_not_json_is_reported_with_its_line_number() {
        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(
                source("malformed.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE));

        assertEquals(ErrorCode.SOURCE_FAILED, failure.code());
        assertTrue(failure.getMessage().contains("output line 4 is not JSON: INFO Starting sync of stream users"), failure.getMessage());
        assertEquals(1L, count(warehouse, "raw.shop_users"), "the records before the last STATE stay committed");
    }

    @Test
    void a_later_schema_message_adds_columns_to_the_table() {
        new SingerSource(source("evolving.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE);

        assertEquals(List.of(new Column("id", ColumnType.BIGINT), new Column("name", ColumnType.STRING), new Column("plan", ColumnType.STRING),
                new Column("seats", ColumnType.BIGINT)), warehouse.describe(new TableName("raw", "shop_users")).orElseThrow());
        assertEquals(List.of("[1.0, Ada, team, 12.0]", "[2.0, Grace, null, null]", "[3.0, Linus, pro, 5.0]"),
                rows(warehouse, "raw.shop_users", "id"));
    }

    @Test
    void a_record_not_matching_its_schema_fails_naming_stream_record_field_and_value() {
        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(
                source("mismatch.jsonl", OnError.FAIL)).load(warehouse, LoadProgress.NONE));

        assertEquals(ErrorKind.USER, failure.kind());
        assertTrue(failure.getMessage().contains("stream users, record 2 (output line 4), column age: expected an integer, got \"forty-five\""),
                failure.getMessage());
    }

    @Test
    void records_not_matching_their_schema_are_rejected_under_skip() {
        LoadResult result = new SingerSource(source("mismatch.jsonl", OnError.SKIP)).load(warehouse, LoadProgress.NONE);

        assertEquals(2L, result.rowsRejected());
        assertEquals(2L, count(warehouse, "raw.shop_users"));
        List<String> rejects = rows(warehouse, "ownstack.load_rejects", "location");
        assertTrue(rejects.get(0).contains("stream users, record 2 (output line 4), age, expected an integer, got \"forty-five\""), rejects.toString());
        assertTrue(rejects.get(1).contains("record 4 (output line 6), id, key property is missing or null"), rejects.toString());
    }

    @Test
    void the_tap_config_is_a_private_file_holding_the_secret_deleted_after_the_run_and_never_shown(@TempDir Path folder) throws Exception {
        Path copy = folder.resolve("config-copy.json");
        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(source("shop.jsonl", OnError.FAIL,
                "--copy-config-to", copy.toString(), "--print-config", "--fail-after", "2")).load(warehouse, LoadProgress.NONE));

        assertTrue(Files.readString(copy).contains(Taps.SECRET), "the tap gets the secret");
        List<String> meta = Files.readAllLines(Path.of(copy + ".meta"));
        assertEquals("rw-------", meta.get(1));
        assertFalse(Files.exists(Path.of(meta.get(0))), "the config file is deleted after the run");
        assertTrue(failure.getMessage().contains("replay tap: starting with config"), failure.getMessage());
        assertFalse(failure.getMessage().contains(Taps.SECRET), failure.getMessage());
        assertFalse(source("shop.jsonl", OnError.FAIL).toString().contains(Taps.SECRET));
    }

    @Test
    void a_tap_command_that_cannot_start_is_an_external_error_naming_the_source() {
        SourceConfig.Singer missing = new SourceConfig.Singer("shop", List.of("/nonexistent/tap-shop"), Path.of("."), Optional.of(Taps.tapConfig()),
                Optional.empty(), "shop_", OnError.FAIL);

        OwnstackException failure = assertThrows(OwnstackException.class, () -> new SingerSource(missing).load(warehouse, LoadProgress.NONE));

        assertEquals(ErrorCode.SOURCE_FAILED, failure.code());
        assertTrue(failure.getMessage().startsWith("cannot start the tap of source 'shop' (/nonexistent/tap-shop)"), failure.getMessage());
    }

    @Test
    void the_tap_runs_in_the_project_folder_so_relative_commands_work(@TempDir Path project) throws java.io.IOException {
        Path tap = project.resolve("tap-where.sh");
        java.nio.file.Files.writeString(tap, """
                #!/bin/sh
                echo '{"type":"SCHEMA","stream":"where","schema":{"properties":{"folder":{"type":"string"}}},"key_properties":[]}'
                echo "{\\"type\\":\\"RECORD\\",\\"stream\\":\\"where\\",\\"record\\":{\\"folder\\":\\"$(pwd -P)\\"}}"
                """);
        java.nio.file.Files.setPosixFilePermissions(tap, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        SourceConfig.Singer where = new SourceConfig.Singer("where", List.of("./tap-where.sh"), project, Optional.empty(),
                Optional.empty(), "", OnError.FAIL);

        new SingerSource(where).load(warehouse, LoadProgress.NONE);

        assertEquals(project.toRealPath().toString(), warehouse.queryAll("SELECT folder FROM raw.\"where\"").singleValue());
    }

    private static Warehouse complete() {
        Warehouse complete = DuckDbWarehouse.inMemory();
        new SingerSource(source("shop.jsonl", OnError.FAIL, "--ignore-state")).load(complete, LoadProgress.NONE);
        return complete;
    }
}
