package dev.ownstack.model.master;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model table's rows keyed by one column, each row as column name to value, for assertions. */
final class ModelRows {
    private ModelRows() {
    }

    static Map<String, Map<String, Object>> byKey(Warehouse warehouse, TableName table, String keyColumn) {
        QueryResult result = warehouse.queryAll("SELECT * FROM " + warehouse.dialect().table(table));
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Object[] values : result.rows()) {
            Map<String, Object> row = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                row.put(result.columns().get(i).name(), values[i]);
            }
            rows.put(String.valueOf(row.get(keyColumn)), row);
        }
        return rows;
    }

    /** A DECIMAL(38, 9) value as the warehouse returns it. */
    static BigDecimal decimal(String value) {
        return new BigDecimal(value).setScale(9);
    }
}
