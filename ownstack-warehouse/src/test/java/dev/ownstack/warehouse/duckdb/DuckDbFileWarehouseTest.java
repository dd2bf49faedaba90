package dev.ownstack.warehouse.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
