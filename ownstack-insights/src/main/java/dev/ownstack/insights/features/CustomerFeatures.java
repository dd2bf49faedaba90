package dev.ownstack.insights.features;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.ResultColumn;
import dev.ownstack.warehouse.RowHandler;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Computes customer features in the warehouse: checks the tables and columns the specification
 * names against the catalog, picks the most frequent event names before the cut-off, runs the
 * {@link FeatureSql} statement and reads the rows back (streamed, one row per customer).
 */
public final class CustomerFeatures {
    private static final Set<ColumnType> NUMERIC = Set.of(ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.DECIMAL, ColumnType.BOOLEAN);

    private CustomerFeatures() {
    }

    /** The features of every customer with an order strictly before {@code cutoff} (UTC). */
    public static FeatureMatrix compute(Warehouse warehouse, FeatureSpec spec, LocalDateTime cutoff) {
        FeatureQuery query = query(warehouse, spec, cutoff);
        List<String> customers = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int width = query.featureNames().size();
        warehouse.query(query.sql(), query.parameters(), new RowHandler() {
            @Override
            public void columns(List<ResultColumn> columns) {
            }

            @Override
            public void row(Object[] values) {
                customers.add(String.valueOf(values[0]));
                double[] row = new double[width];
                for (int i = 0; i < width; i++) {
                    row[i] = number(values[i + 1]);
                }
                rows.add(row);
            }
        });
        return new FeatureMatrix(cutoff, query.featureNames(), customers, rows);
    }

    /** The statement {@link #compute} runs, after checking the catalog. */
    public static FeatureQuery query(Warehouse warehouse, FeatureSpec spec, LocalDateTime cutoff) {
        List<Column> transactionColumns = require(warehouse, spec.transactions(),
                List.of("transaction_id", "customer_id", "occurred_at", "amount", "type"));
        checkNumeric("features.transaction-columns", spec.transactions(), transactionColumns, spec.transactionColumns(), false);
        boolean withEvents = hasColumns(warehouse, spec.events(), List.of("customer_id", "event", "timestamp"));
        List<String> eventNames = withEvents ? topEvents(warehouse, spec, cutoff) : List.of();
        return FeatureSql.build(warehouse.dialect(), spec, cutoff, withEvents, eventNames, customerColumns(warehouse, spec));
    }

    /**
     * The {@code topEvents} most frequent event names of customers in the longest window before the
     * cut-off. Ties are broken in Java by the names' code points, so that both engines, whatever
     * their collation, pick the same names.
     */
    static List<String> topEvents(Warehouse warehouse, FeatureSpec spec, LocalDateTime cutoff) {
        if (spec.topEvents() == 0) {
            return List.of();
        }
        int longest = spec.windowDays().stream().mapToInt(Integer::intValue).max().orElseThrow();
        String event = warehouse.dialect().quote("event");
        String time = warehouse.dialect().quote("timestamp");
        String sql = "SELECT e." + event + ", count(*) AS n FROM " + warehouse.dialect().table(spec.events()) + " e WHERE e."
                + warehouse.dialect().quote("customer_id") + " IS NOT NULL AND e." + event + " IS NOT NULL AND e." + time
                + " < CAST(? AS TIMESTAMP) AND e." + time + " >= CAST(? AS TIMESTAMP) GROUP BY e." + event;
        return warehouse.queryAll(sql, cutoff, cutoff.minusDays(longest)).rows().stream()
                .sorted(Comparator.comparingLong((Object[] row) -> -((Number) row[1]).longValue())
                        .thenComparing(row -> String.valueOf(row[0])))
                .limit(spec.topEvents())
                .map(row -> String.valueOf(row[0]))
                .toList();
    }

    private static List<Column> customerColumns(Warehouse warehouse, FeatureSpec spec) {
        if (spec.customerColumns().isEmpty()) {
            return List.of();
        }
        List<Column> columns = require(warehouse, spec.customers(), List.of("customer_id"));
        return checkNumeric("features.customer-columns", spec.customers(), columns, spec.customerColumns(), true);
    }

    /** The named columns, each of which must exist and be a number (or a boolean, when {@code booleans}). */
    private static List<Column> checkNumeric(String path, TableName table, List<Column> columns, List<String> wanted, boolean booleans) {
        List<Column> picked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : wanted) {
            Optional<Column> column = columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
            if (column.isEmpty()) {
                problems.add(path + ": " + table + " has no column '" + name + "' (it has "
                        + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
            } else if (!NUMERIC.contains(column.get().type()) || !booleans && column.get().type() == ColumnType.BOOLEAN) {
                problems.add(path + ": " + table + "." + name + " is " + column.get().type().configName()
                        + (booleans ? "; a feature must be a number or a boolean" : "; it must be a number"));
            } else {
                picked.add(column.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, String.join("; ", problems), problems, null);
        }
        return picked;
    }

    private static List<Column> require(Warehouse warehouse, TableName table, List<String> needed) {
        List<Column> columns = warehouse.describe(table).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                table + " does not exist: build the models first (ownstack build)"));
        Set<String> names = columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> missing = needed.stream().filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, table + " has no column " + String.join(", ", missing)
                    + " (it has " + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
        }
        return columns;
    }

    private static boolean hasColumns(Warehouse warehouse, TableName table, List<String> needed) {
        Optional<List<Column>> columns = warehouse.describe(table);
        if (columns.isEmpty()) {
            return false;
        }
        Set<String> names = columns.get().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return names.containsAll(needed);
    }

    static double number(Object value) {
        if (value == null) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new OwnstackException(ErrorCode.INTERNAL, "a feature value is not a number: " + value + " (" + value.getClass().getName() + ")");
    }
}
