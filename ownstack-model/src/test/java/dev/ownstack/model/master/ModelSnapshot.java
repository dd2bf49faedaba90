package dev.ownstack.model.master;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A model table as engine-neutral text: its columns with their logical types, then its rows
 * sorted, each value as text (decimals plain, JSON re-serialised with sorted keys), so that the
 * same table on DuckDB and on PostgreSQL gives the same snapshot.
 */
final class ModelSnapshot {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ModelSnapshot() {
    }

    static List<String> of(Warehouse warehouse, TableName table) {
        List<Column> columns = warehouse.describe(table).orElseThrow(() -> new AssertionError(table + " does not exist"));
        List<String> lines = new ArrayList<>();
        lines.add(columns.toString());
        List<String> rows = new ArrayList<>();
        for (Object[] values : warehouse.queryAll("SELECT * FROM " + warehouse.dialect().table(table)).rows()) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                row.add(text(values[i], columns.get(i).type()));
            }
            rows.add(String.join(" | ", row));
        }
        rows.sort(null);
        lines.addAll(rows);
        return lines;
    }

    private static String text(Object value, ColumnType type) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (type == ColumnType.JSON) {
            try {
                return JSON.writeValueAsString(JSON.treeToValue(JSON.readTree(value.toString()), Object.class));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + value, e);
            }
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
