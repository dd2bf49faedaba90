package dev.ownstack.ingest.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineRetailTest {
    static final TableName TABLE = new TableName("raw", "online_retail");

    @TempDir
    Path folder;

    static SourceConfig.Files config(OnError onError) {
        return new SourceConfig.Files("online_retail", List.of(SharedData.onlineRetailByDay() + "/*.csv"), Optional.empty(), TABLE,
                CsvOptions.DEFAULT, Map.of(), onError);
    }

    @Test
    void loads_every_row_of_the_305_daily_files_once_and_nothing_on_a_second_run() {
        try (Warehouse warehouse = DuckDbWarehouse.open(folder.resolve("warehouse.duckdb").toString(), Duration.ofSeconds(10), message -> { })) {
            FileSource source = new FileSource(config(OnError.FAIL), folder);

            LoadResult first = source.load(warehouse, (name, step, rows) -> { });
            System.out.printf("Online Retail on DuckDB: %d rows in %d ms (%.0f rows/s)%n", first.rowsLoaded(), first.elapsed().toMillis(),
                    first.rowsLoaded() * 1000.0 / Math.max(1, first.elapsed().toMillis()));
            LoadResult second = source.load(warehouse, (name, step, rows) -> { });

            assertEquals(SharedData.ONLINE_RETAIL_ROWS, first.rowsLoaded());
            assertEquals(0, first.rowsRejected());
            assertEquals(0, second.rowsLoaded());
            assertTrue(second.notes().contains(SharedData.ONLINE_RETAIL_FILES + " files already loaded"), second.notes().toString());
            assertEquals(SharedData.ONLINE_RETAIL_ROWS, ((Number) warehouse.queryAll("SELECT count(*) FROM raw.online_retail").singleValue()).longValue());
            assertEquals(List.of(
                    new Column("invoiceno", ColumnType.STRING),
                    new Column("stockcode", ColumnType.STRING),
                    new Column("description", ColumnType.STRING),
                    new Column("quantity", ColumnType.BIGINT),
                    new Column("invoicedate", ColumnType.TIMESTAMP),
                    new Column("unitprice", ColumnType.DOUBLE),
                    new Column("customerid", ColumnType.DOUBLE),
                    new Column("country", ColumnType.STRING),
                    new Column(Lineage.FILE, ColumnType.STRING),
                    new Column(Lineage.LINE, ColumnType.BIGINT),
                    new Column(Lineage.LOADED_AT, ColumnType.TIMESTAMPTZ)), warehouse.describe(TABLE).orElseThrow());
        }
    }
}
