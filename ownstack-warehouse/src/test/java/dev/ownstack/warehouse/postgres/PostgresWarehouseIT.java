package dev.ownstack.warehouse.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.WarehouseBehaviourSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The behaviour suite on the test PostgreSQL server, in a database of its own, plus what only a server does. */
class PostgresWarehouseIT extends WarehouseBehaviourSuite {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected Warehouse openWarehouse() {
        return PostgresWarehouse.connect(database.config());
    }

    /** The server runs no Java: callers take their other path (identity normalisation streams the texts through the JVM). */
    @Test
    void defines_no_java_text_function() {
        assertFalse(warehouse.defineTextFunction("test_joined", (a, b) -> a + b));
        assertThrows(OwnstackException.class, () -> warehouse.queryAll("SELECT test_joined('x', 'y')"));
    }

    @Test
    void a_lock_another_session_holds_past_the_lock_timeout_is_warehouse_busy() {
        TableName people = peopleTable();

        try (Warehouse other = openWarehouse()) {
            OwnstackException error = warehouse.inTransaction(holder -> {
                holder.execute("LOCK TABLE " + sql(people) + " IN ACCESS EXCLUSIVE MODE");
                other.execute("SET lock_timeout = '100ms'");
                return assertThrows(OwnstackException.class, () -> other.queryAll("SELECT count(*) FROM " + sql(people)));
            });

            assertEquals(ErrorCode.WAREHOUSE_BUSY, error.code());
            assertTrue(error.getMessage().startsWith("postgres failed: "), error.getMessage());
            assertEquals(0L, ((Number) other.queryAll("SELECT count(*) FROM " + sql(people)).singleValue()).longValue());
        }
    }

    @Test
    void a_concurrent_update_that_forces_a_retry_is_warehouse_busy() {
        TableName people = peopleTable();
        warehouse.execute("INSERT INTO " + sql(people) + " (id, name) VALUES (1, 'Ada')");

        try (Warehouse other = openWarehouse()) {
            OwnstackException error = assertThrows(OwnstackException.class, () -> warehouse.inTransaction(first -> {
                first.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                first.queryAll("SELECT name FROM " + sql(people));
                other.execute("UPDATE " + sql(people) + " SET name = 'Grace' WHERE id = 1");
                return first.execute("UPDATE " + sql(people) + " SET name = 'Edsger' WHERE id = 1");
            }));

            assertEquals(ErrorCode.WAREHOUSE_BUSY, error.code());
        }
        assertEquals("Grace", warehouse.queryAll("SELECT name FROM " + sql(people)).singleValue());
    }
}
