package dev.ownstack.ingest.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.Secret;
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
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loads from a real PostgreSQL source into DuckDB and into a second PostgreSQL database. */
class JdbcSourceIT {
    private static final TableName ORDERS = new TableName("raw", "shop_orders");

    private PostgresTestDatabase sourceDatabase;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void createSource() throws SQLException {
        sourceDatabase = PostgresTestDatabase.create();
        sql("CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(10, 2), paid boolean,"
                + " details jsonb, ordered_on date, updated_at timestamptz)");
    }

    @AfterEach
    void dropSource() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        sourceDatabase.close();
    }

    @Test
    void loads_a_table_then_only_changed_rows_including_ties_at_the_cursor_boundary() throws SQLException {
        insertOrders(1, 5, "2024-05-01 10:00:00+00");
        Warehouse warehouse = duckDb();
        SourceConfig.Jdbc config = source(table("orders", Optional.of("updated_at"), List.of("id")));

        LoadResult first = new JdbcSource(config).load(warehouse, LoadProgress.NONE);
        assertEquals(5L, first.rowsByTable().get("raw.shop_orders"));
        assertEquals(5L, count(warehouse));
        assertEquals(List.of(new Column("id", ColumnType.BIGINT), new Column("customer", ColumnType.STRING),
                new Column("amount", ColumnType.DECIMAL), new Column("paid", ColumnType.BOOLEAN), new Column("details", ColumnType.JSON),
                new Column("ordered_on", ColumnType.DATE), new Column("updated_at", ColumnType.TIMESTAMPTZ)),
                warehouse.describe(ORDERS).orElseThrow());

        // a row committed later with the same cursor value as the boundary, an update, and a new row
        insertOrders(6, 6, "2024-05-01 10:00:00+00");
        sql("UPDATE orders SET customer = 'changed', updated_at = '2024-05-02 09:00:00+00' WHERE id = 2");
        insertOrders(7, 7, "2024-05-03 08:00:00+00");
        LoadResult second = new JdbcSource(config).load(warehouse, LoadProgress.NONE);

        assertEquals(7L, count(warehouse));
        assertEquals("changed", warehouse.queryAll("SELECT customer FROM raw.shop_orders WHERE id = 2").singleValue());
        // boundary rows 1, 3, 4, 5, 6 read again, plus 2 and 7
        assertEquals(7L, second.rowsByTable().get("raw.shop_orders"));
        assertTrue(second.notes().get(0).contains("7 rows read") && second.notes().get(0).contains("2 new"), second.notes().toString());
        String state = IngestTables.state(warehouse, "shop", "orders").orElseThrow();
        assertEquals("{\"cursor\":\"updated_at\",\"type\":\"timestamptz\",\"value\":\"2024-05-03T08:00Z\"}", state);
    }

    @Test
    void running_again_without_source_changes_adds_no_rows_on_a_postgres_warehouse() throws SQLException {
        insertOrders(1, 250, "2024-05-01 10:00:00+00");
        sql("UPDATE orders SET updated_at = updated_at + id * interval '1 minute'");
        Warehouse warehouse = postgres();
        SourceConfig.Jdbc config = source(table("orders", Optional.of("updated_at"), List.of("id")));

        new JdbcSource(config, 40).load(warehouse, LoadProgress.NONE);
        LoadResult again = new JdbcSource(config, 40).load(warehouse, LoadProgress.NONE);

        assertEquals(250L, count(warehouse));
        assertEquals(1L, again.rowsByTable().get("raw.shop_orders"), "only the row at the boundary is read again");
        assertTrue(again.notes().get(0).contains("0 new"), again.notes().toString());
        assertEquals(0L, warehouse.queryAll("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '\\_stage%'")
                .singleValue() instanceof Number n ? n.longValue() : -1L, "no staging table left behind");
    }

    @Test
    void a_table_without_cursor_is_replaced_in_full_each_run() throws SQLException {
        insertOrders(1, 10, "2024-05-01 10:00:00+00");
        Warehouse warehouse = duckDb();
        SourceConfig.Jdbc config = source(table("public.orders", Optional.empty(), List.of()));

        new JdbcSource(config).load(warehouse, LoadProgress.NONE);
        sql("DELETE FROM orders WHERE id > 3");
        sql("UPDATE orders SET customer = 'renamed' WHERE id = 1");
        LoadResult second = new JdbcSource(config).load(warehouse, LoadProgress.NONE);

        assertEquals(3L, count(warehouse));
        assertEquals(3L, second.rowsByTable().get("raw.shop_orders"));
        assertEquals("renamed", warehouse.queryAll("SELECT customer FROM raw.shop_orders WHERE id = 1").singleValue());
    }

    @Test
    void a_column_added_in_the_source_is_added_to_the_target() throws SQLException {
        insertOrders(1, 3, "2024-05-01 10:00:00+00");
        Warehouse warehouse = postgres();
        SourceConfig.Jdbc config = source(table("orders", Optional.of("updated_at"), List.of("id")));
        new JdbcSource(config).load(warehouse, LoadProgress.NONE);

        sql("ALTER TABLE orders ADD COLUMN coupon varchar(20)");
        sql("UPDATE orders SET coupon = 'SPRING', updated_at = '2024-06-01 00:00:00+00' WHERE id = 3");
        new JdbcSource(config).load(warehouse, LoadProgress.NONE);

        assertTrue(warehouse.describe(ORDERS).orElseThrow().contains(new Column("coupon", ColumnType.STRING)));
        assertEquals("SPRING", warehouse.queryAll("SELECT coupon FROM raw.shop_orders WHERE id = 3").singleValue());
        assertEquals(3L, count(warehouse));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a_failure_mid_stream_keeps_only_whole_chunks_with_their_state_and_the_rerun_is_exact(boolean postgresWarehouse) throws SQLException {
        insertOrders(1, 2000, "2024-05-01 00:00:00+00");
        sql("UPDATE orders SET updated_at = updated_at + (id / 3) * interval '1 second'"); // ties in threes
        Warehouse warehouse = postgresWarehouse ? postgres() : duckDb();
        SourceConfig.Jdbc config = source(table("orders", Optional.of("updated_at"), List.of("id")));
        LoadProgress failing = (source, step, rows) -> {
            if (rows >= 1000) {
                throw new IllegalStateException("simulated crash at row " + rows);
            }
        };

        assertThrows(IllegalStateException.class, () -> new JdbcSource(config, 400).load(warehouse, failing));

        assertEquals(800L, count(warehouse), "two whole chunks of 400 rows committed, the third rolled back");
        Object saved = CursorState.parse(IngestTables.state(warehouse, "shop", "orders").orElseThrow()).orElseThrow().value();
        assertEquals(0L, ((Number) warehouse.queryAll("SELECT count(*) FROM raw.shop_orders WHERE updated_at > ?", saved)
                .singleValue()).longValue(), "the saved cursor is the greatest value committed");
        assertTrue(((Number) warehouse.queryAll("SELECT count(*) FROM raw.shop_orders WHERE updated_at = ?", saved)
                .singleValue()).longValue() > 0, "the saved cursor is a value committed");

        new JdbcSource(config, 400).load(warehouse, LoadProgress.NONE);
        assertEquals(2000L, count(warehouse));
        assertEquals(2000L, ((Number) warehouse.queryAll("SELECT count(DISTINCT id) FROM raw.shop_orders").singleValue()).longValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bigint", "timestamp", "date", "text"})
    void cursors_of_every_supported_type_resume_from_their_saved_value(String type) throws SQLException {
        String values = switch (type) {
            case "bigint" -> "(1, 10), (2, 20), (3, 30)";
            case "timestamp" -> "(1, '2024-01-01 10:00:00.123456'), (2, '2024-01-02 10:00:00'), (3, '2024-01-03 10:00:00')";
            case "date" -> "(1, '2024-01-01'), (2, '2024-01-02'), (3, '2024-01-03')";
            default -> "(1, 'a'), (2, 'b'), (3, 'c')";
        };
        sql("CREATE TABLE events (id int PRIMARY KEY, position " + type + ")");
        sql("INSERT INTO events VALUES " + values);
        Warehouse warehouse = duckDb();
        SourceConfig.Jdbc config = source(new SourceConfig.JdbcTable("events", Optional.of("position"), List.of("id"),
                new TableName("raw", "shop_events")));

        new JdbcSource(config).load(warehouse, LoadProgress.NONE);
        LoadResult again = new JdbcSource(config).load(warehouse, LoadProgress.NONE);

        assertEquals(1L, again.rowsByTable().get("raw.shop_events"), "only the boundary row is read again");
        assertEquals(3L, ((Number) warehouse.queryAll("SELECT count(*) FROM raw.shop_events").singleValue()).longValue());
    }

    @Test
    void an_unreachable_source_is_an_external_error_naming_source_and_host_but_not_the_password() {
        String password = "s3cret-Pa55word";
        SourceConfig.Jdbc config = new SourceConfig.Jdbc("shop", "jdbc:postgresql://127.0.0.1:1/shop?connectTimeout=2", Optional.of("reader"),
                Optional.of(Secret.literal(password)), List.of(table("orders", Optional.empty(), List.of())));

        OwnstackException error = assertThrows(OwnstackException.class, () -> new JdbcSource(config).load(duckDb(), LoadProgress.NONE));

        assertEquals(ErrorCode.SOURCE_FAILED, error.code());
        assertEquals(ErrorKind.EXTERNAL, error.kind());
        assertTrue(error.getMessage().contains("'shop'") && error.getMessage().contains("127.0.0.1:1/shop"), error.getMessage());
        assertFalse(error.getMessage().contains(password), error.getMessage());
        assertFalse(error.getMessage().contains("connectTimeout"), error.getMessage());
    }

    @Test
    void a_wrong_password_never_appears_in_the_error() {
        String password = "wrong-" + System.nanoTime();
        SourceConfig.Jdbc config = new SourceConfig.Jdbc("shop", sourceDatabase.jdbcUrl(), Optional.of(sourceDatabase.user()),
                Optional.of(Secret.literal(password)), List.of(table("orders", Optional.empty(), List.of())));

        OwnstackException error = assertThrows(OwnstackException.class, () -> new JdbcSource(config).load(duckDb(), LoadProgress.NONE));

        assertEquals(ErrorCode.SOURCE_FAILED, error.code());
        assertFalse(error.getMessage().contains(password), error.getMessage());
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(password), "cause: " + cause);
        }
    }

    @Test
    void an_unknown_table_is_a_user_error_naming_it() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new JdbcSource(
                source(table("invoices", Optional.empty(), List.of()))).load(duckDb(), LoadProgress.NONE));

        assertEquals(ErrorKind.USER, error.kind());
        assertTrue(error.getMessage().contains("'invoices' does not exist"), error.getMessage());
    }

    @Test
    void an_unknown_cursor_or_key_column_is_a_user_error_listing_the_columns() {
        OwnstackException cursor = assertThrows(OwnstackException.class, () -> new JdbcSource(
                source(table("orders", Optional.of("modified"), List.of("id")))).load(duckDb(), LoadProgress.NONE));
        OwnstackException key = assertThrows(OwnstackException.class, () -> new JdbcSource(
                source(table("orders", Optional.of("updated_at"), List.of("order_id")))).load(duckDb(), LoadProgress.NONE));

        assertEquals(ErrorKind.USER, cursor.kind());
        assertTrue(cursor.getMessage().contains("cursor column 'modified' does not exist")
                && cursor.getMessage().contains("id, customer, amount, paid, details, ordered_on, updated_at"), cursor.getMessage());
        assertEquals(ErrorKind.USER, key.kind());
        assertTrue(key.getMessage().contains("primary-key column 'order_id'"), key.getMessage());
    }

    private void insertOrders(int from, int to, String updatedAt) throws SQLException {
        sql("INSERT INTO orders SELECT id, 'customer ' || id, id * 1.25, id % 2 = 0, jsonb_build_object('items', id),"
                + " date '2024-04-01' + id, timestamptz '" + updatedAt + "' FROM generate_series(" + from + ", " + to + ") AS id");
    }

    private SourceConfig.Jdbc source(SourceConfig.JdbcTable table) {
        return new SourceConfig.Jdbc("shop", sourceDatabase.jdbcUrl(), Optional.of(sourceDatabase.user()),
                Optional.of(Secret.literal(sourceDatabase.password())), List.of(table));
    }

    private static SourceConfig.JdbcTable table(String name, Optional<String> cursor, List<String> key) {
        return new SourceConfig.JdbcTable(name, cursor, key, ORDERS);
    }

    private long count(Warehouse warehouse) {
        return ((Number) warehouse.queryAll("SELECT count(*) FROM raw.shop_orders").singleValue()).longValue();
    }

    private Warehouse duckDb() {
        Warehouse warehouse = DuckDbWarehouse.inMemory();
        toClose.add(warehouse);
        return warehouse;
    }

    private Warehouse postgres() {
        PostgresTestDatabase database = PostgresTestDatabase.create();
        Warehouse warehouse = PostgresWarehouse.connect(database.config());
        toClose.add(database);
        toClose.add(0, warehouse);
        return warehouse;
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = sourceDatabase.connection(); Statement jdbc = connection.createStatement()) {
            jdbc.execute(statement);
        }
    }
}
