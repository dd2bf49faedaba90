package dev.ownstack.server.auth;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.Warehouses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class UserStoreIT extends UserStoreSuite {
    private PostgresTestDatabase database;
    private Warehouse held;

    @BeforeEach
    void open() {
        database = PostgresTestDatabase.create();
        held = sibling();
    }

    @Override
    Warehouse warehouse() {
        return held;
    }

    @Override
    Warehouse sibling() {
        return Warehouses.open(database.config(), message -> { });
    }

    @AfterEach
    void close() {
        held.close();
        database.close();
    }
}
