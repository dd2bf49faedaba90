package dev.ownstack.model.identity.keys;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import org.junit.jupiter.api.Test;

/** On PostgreSQL too, the SQL normalisers give what the Java normalisers give on any ASCII text. */
class SqlNormalisersIT {
    @Test
    void every_kind_normalises_ascii_text_as_java_does_on_postgres() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            SqlNormalisersTest.assertSameAsJava(warehouse, 20_000);
        }
    }
}
