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
            loadsOnceAndNothingOnASecondRun(warehouse, folder);
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

    /** Loads the 305 files twice into the warehouse and checks: every row once, nothing the second time. */
    static void loadsOnceAndNothingOnASecondRun(Warehouse warehouse, Path projectFolder) {
        FileSource source = new FileSource(config(OnError.FAIL), projectFolder);

        LoadResult first = source.load(warehouse, (name, step, rows) -> { });
        LoadResult second = source.load(warehouse, (name, step, rows) -> { });

        assertEquals(SharedData.ONLINE_RETAIL_ROWS, first.rowsLoaded());
        assertEquals(0, first.rowsRejected());
        assertEquals(0, second.rowsLoaded());
        assertTrue(second.notes().contains(SharedData.ONLINE_RETAIL_FILES + " files already loaded"), second.notes().toString());
        assertEquals(SharedData.ONLINE_RETAIL_ROWS, count(warehouse, "SELECT count(*) FROM raw.online_retail"));
        assertEquals(0, count(warehouse, "SELECT count(*) FROM (SELECT _ownstack_file, _ownstack_line FROM raw.online_retail"
                + " GROUP BY _ownstack_file, _ownstack_line HAVING count(*) > 1) duplicates"));
        assertEquals(-80995, count(warehouse, "SELECT min(quantity) FROM raw.online_retail"));
        assertEquals(9288, count(warehouse, "SELECT count(*) FROM raw.online_retail WHERE invoiceno LIKE 'C%'"));
    }

    private static long count(Warehouse warehouse, String sql) {
        return ((Number) warehouse.queryAll(sql).singleValue()).longValue();
    }
}
