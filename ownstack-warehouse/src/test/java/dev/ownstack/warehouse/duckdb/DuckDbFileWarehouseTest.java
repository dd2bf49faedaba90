package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.WarehouseBehaviourSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The behaviour suite on a DuckDB file, plus what only a file does: keep its rows. */
class DuckDbFileWarehouseTest extends WarehouseBehaviourSuite {
    @TempDir
    Path folder;

    @Override
    protected Warehouse openWarehouse() {
        return DuckDbWarehouse.open(file().toString(), Duration.ofSeconds(5), message -> {
            throw new AssertionError("nothing else holds the file, yet: " + message);
        });
    }

    private Path file() {
        return folder.resolve("project").resolve("warehouse.duckdb");
    }

    @Test
    void a_file_named_like_a_schema_ownstack_writes_is_refused_with_the_reason() {
        for (String name : List.of("ownstack.duckdb", "RAW.duckdb", "model.v2.duckdb", "identity")) {
            String location = folder.resolve(name).toString();

            OwnstackException error = assertThrows(OwnstackException.class, () -> DuckDbWarehouse.open(location, Duration.ZERO, message -> { }));

            assertEquals(ErrorCode.CONFIG_INVALID, error.code(), name);
            assertTrue(error.getMessage().contains(location), error.getMessage());
        }
    }

    @Test
    void a_schema_named_like_the_file_fails_with_a_hint_to_rename_the_file() {
        TableName table = new TableName("warehouse", "clash");

        OwnstackException error = assertThrows(OwnstackException.class,
                () -> warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT)), List.of()));

        assertEquals(ErrorCode.QUERY_INVALID, error.code());
        assertTrue(error.getMessage().contains("name the file differently"), error.getMessage());
    }

    @Test
    void describe_sees_only_the_warehouse_database_when_another_is_attached() {
        TableName table = new TableName(schema, "twin");
        warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT)), List.of());
        warehouse.execute("ATTACH " + warehouse.dialect().stringLiteral(folder.resolve("other.duckdb").toString()) + " AS other");
        warehouse.execute("CREATE SCHEMA other." + schema);
        warehouse.execute("CREATE TABLE other." + schema + ".twin (id BIGINT, extra VARCHAR)");

        assertEquals(java.util.Optional.of(List.of(new Column("id", ColumnType.BIGINT))), warehouse.describe(table));
        try (RowWriter writer = warehouse.append(table, List.of("id"))) {
            writer.write(new Object[] {1L});
        }
        assertEquals(1L, count(table));
    }

    @Test
    void a_conflicting_change_from_another_connection_is_warehouse_busy() {
        TableName people = peopleTable();
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");

        try (Warehouse other = openWarehouse()) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.inTransaction(first -> {
                first.execute("UPDATE " + sql(people) + " SET name = 'Grace' WHERE id = 1");
                return other.execute("UPDATE " + sql(people) + " SET name = 'Edsger' WHERE id = 1");
            }));

            assertEquals(ErrorCode.WAREHOUSE_BUSY, error.code());
            assertTrue(error.getMessage().startsWith("duckdb failed: "), error.getMessage());
        }
        assertEquals("Ada", warehouse.queryAll("SELECT name FROM " + sql(people)).singleValue());
    }

    @Test
    void rows_and_tables_survive_closing_and_reopening_the_file() {
        TableName table = new TableName(schema, "kept");
        warehouse.ensureTable(table, List.of(new Column("id", ColumnType.BIGINT)), List.of());
        try (RowWriter writer = warehouse.append(table, List.of("id"))) {
            writer.write(new Object[] {1L});
        }
        warehouse.execute("INSERT INTO " + sql(table) + " (id) VALUES (2)");
        warehouse.close();

        warehouse = openWarehouse();

        assertEquals(2L, count(table));
    }
}
