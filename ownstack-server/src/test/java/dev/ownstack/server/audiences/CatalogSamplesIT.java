package dev.ownstack.server.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.PostgresTestDatabase;
import dev.ownstack.warehouse.Warehouses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frequent values of the catalog on PostgreSQL: the same as CatalogApiTest finds on DuckDB, properties read from JSON text. */
class CatalogSamplesIT {
    @Test
    void offers_the_values_it_offers_on_duckdb() {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
             ShopWarehouse shop = new ShopWarehouse(Warehouses.open(database.config(), message -> { }))) {
            CatalogSamples samples = new CatalogSamples(shop.held);
            assertEquals("{country=[\"GB\",\"DE\",\"US\"]}", samples.textValues(ModelCatalog.CUSTOMERS,
                    List.of(new Column("country", ColumnType.STRING))).toString().replace(" ", ""));
            assertEquals("{type=[\"order\"]}", samples.textValues(ModelCatalog.TRANSACTIONS,
                    List.of(new Column("type", ColumnType.STRING))).toString().replace(" ", ""));
            assertEquals("{total=[40,450]}", samples.propertyValues("Order Completed").toString().replace(" ", ""));
            assertEquals("{sku=[\"A\",\"B\"]}", samples.propertyValues("Product Viewed").toString().replace(" ", ""));
            assertEquals("{}", samples.propertyValues("Never Happened").toString());
        }
    }
}
