package dev.ownstack.ingest.file;

import dev.ownstack.core.config.CsvOptions;
import dev.ownstack.core.config.OnError;
import dev.ownstack.core.config.SourceConfig;
import dev.ownstack.core.table.TableName;
import dev.ownstack.ingest.LoadResult;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads files into a DuckDB file in a process of its own, printing "progress STEP ROWS" lines to
 * standard error, so that a test can kill it half-way. Arguments: warehouse file, table, path or glob.
 */
public final class LoadFilesMain {
    private LoadFilesMain() {
    }

    public static void main(String[] arguments) {
        String warehouseFile = arguments[0];
        TableName table = TableName.parse(arguments[1], TableName.RAW_SCHEMA);
        SourceConfig.Files config = new SourceConfig.Files(table.name(), List.of(arguments[2]), Optional.empty(), table,
                CsvOptions.DEFAULT, Map.of(), OnError.FAIL);
        try (Warehouse warehouse = DuckDbWarehouse.open(warehouseFile, Duration.ofSeconds(60), System.err::println)) {
            LoadResult result = new FileSource(config, Path.of(".")).load(warehouse, (source, step, rows) -> {
                System.err.println("progress " + step + " " + rows);
                System.err.flush();
            });
            System.err.println("finished " + result.rowsLoaded());
        }
    }
}
