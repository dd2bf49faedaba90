package dev.ownstack.warehouse.duckdb;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A second process for {@link DuckDbFileSharingTest}: opens the warehouse file, writes rows,
 * creates the ready file and holds the warehouse open for a while before closing it and exiting.
 * Arguments: warehouse file, ready file, rows to write, milliseconds to hold, and optionally
 * milliseconds to stay alive after closing (as a long-running process between jobs does).
 */
public final class DuckDbFileHolder {
    static final TableName TABLE = new TableName("shared", "written_by_holder");

    private DuckDbFileHolder() {
    }

    public static void main(String[] arguments) throws Exception {
        String warehouseFile = arguments[0];
        Path readyFile = Path.of(arguments[1]);
        int rows = Integer.parseInt(arguments[2]);
        long holdMillis = Long.parseLong(arguments[3]);
        long lingerMillis = arguments.length > 4 ? Long.parseLong(arguments[4]) : 0;
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseFile, Duration.ofSeconds(30), System.err::println)) {
            warehouse.ensureTable(TABLE, List.of(new Column("id", ColumnType.BIGINT), new Column("pid", ColumnType.BIGINT)), List.of("id"));
            try (RowWriter writer = warehouse.append(TABLE, List.of("id", "pid"))) {
                for (long id = 1; id <= rows; id++) {
                    writer.write(new Object[] {id, ProcessHandle.current().pid()});
                }
            }
            Files.writeString(readyFile, "ready");
            Thread.sleep(holdMillis);
        }
        Thread.sleep(lingerMillis);
    }
}
