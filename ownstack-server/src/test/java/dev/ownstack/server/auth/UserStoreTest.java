package dev.ownstack.server.auth;

import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import org.junit.jupiter.api.AfterEach;

class UserStoreTest extends UserStoreSuite {
    private final Warehouse held = DuckDbWarehouse.inMemory();

    @Override
    Warehouse warehouse() {
        return held;
    }

    @Override
    Warehouse sibling() {
        return held.openSibling();
    }

    @AfterEach
    void close() {
        held.close();
    }
}
