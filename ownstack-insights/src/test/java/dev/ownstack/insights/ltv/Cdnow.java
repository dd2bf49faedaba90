package dev.ownstack.insights.ltv;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The CDNOW data set (Fader and Hardie): every purchase of the 23,570 customers whose first
 * purchase was in January to March 1997, up to June 1998. Read from {@code shared/data/cdnow}
 * found by walking up from the working directory; a missing file fails the test.
 */
final class Cdnow {
    static final TableName TABLE = new TableName("model", "transactions");
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    static final int CUSTOMERS = 23_570;
    static final int PURCHASE_ROWS = 69_659;

    private Cdnow() {
    }

    static Path file() {
        for (Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path candidate = folder.resolve("shared/data/cdnow/CDNOW_master.txt");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/cdnow/CDNOW_master.txt not found in any folder above "
                + System.getProperty("user.dir") + "; the repository must sit next to the shared data folder");
    }

    /** Loads the file into {@code model.transactions} (customer_id, occurred_at, amount); returns the rows loaded. */
    static long load(Warehouse warehouse) {
        warehouse.ensureTable(TABLE, List.of(new Column("customer_id", ColumnType.STRING),
                new Column("occurred_at", ColumnType.TIMESTAMP), new Column("amount", ColumnType.DECIMAL)), List.of());
        DateTimeFormatter format = DateTimeFormatter.BASIC_ISO_DATE;
        try (BufferedReader reader = Files.newBufferedReader(file());
             RowWriter writer = warehouse.append(TABLE, List.of("customer_id", "occurred_at", "amount"))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length != 4 || fields[0].equals("customer_id")) {
                    continue;
                }
                writer.write(new Object[] {fields[0], LocalDate.parse(fields[1], format).atStartOfDay(), new BigDecimal(fields[3])});
            }
            return writer.rowCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
