package dev.ownstack.ingest.file;

import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.postgres.PostgresWarehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailIT {
    @TempDir
    Path folder;

    @Test
    void loads_every_row_of_the_305_daily_files_into_postgres_once() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             Warehouse warehouse = PostgresWarehouse.connect(database.config())) {
            OnlineRetailTest.loadsOnceAndNothingOnASecondRun(warehouse, folder);
        }
    }
}
