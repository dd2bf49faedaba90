package dev.ownstack.model.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterModelsIT {

    private static Map<TableName, List<String>> buildAndSnapshot(Warehouse warehouse) {
        MasterFixtures.load(warehouse);
        MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models());
        // a second build replaces the first on this engine too
        ModelBuildSummary summary = MasterModels.build(warehouse, MasterFixtures.IDENTITY, MasterFixtures.models());
        assertEquals(Map.of(ModelTables.CUSTOMERS, 5L, ModelTables.CUSTOMER_IDENTITIES, 15L, ModelTables.TRANSACTIONS, 5L,
                ModelTables.EVENTS, 9L), summary.rows());
        Map<TableName, List<String>> snapshot = new LinkedHashMap<>();
        for (TableName table : ModelTables.ALL) {
            snapshot.put(table, ModelSnapshot.of(warehouse, table));
        }
        return snapshot;
    }

    @Test
    void postgres_builds_the_same_tables_as_duckdb() {
        Map<TableName, List<String>> duckdb;
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            duckdb = buildAndSnapshot(warehouse);
        }
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            Map<TableName, List<String>> postgres = buildAndSnapshot(warehouse);
            for (TableName table : ModelTables.ALL) {
                assertEquals(String.join("\n", duckdb.get(table)), String.join("\n", postgres.get(table)), table.toString());
            }
        }
    }
}
