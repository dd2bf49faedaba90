package dev.ownstack.warehouse.postgres;

import dev.ownstack.warehouse.HashBucketSuite;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresHashBucketIT extends HashBucketSuite {
    private PostgresTestDatabase database;
    private Warehouse warehouse;

    @BeforeEach
    void open() {
        database = PostgresTestDatabase.create();
        warehouse = PostgresWarehouse.connect(database.config());
    }

    @AfterEach
    void close() {
        warehouse.close();
        database.close();
    }

    @Override
    protected Warehouse warehouse() {
        return warehouse;
    }
}
