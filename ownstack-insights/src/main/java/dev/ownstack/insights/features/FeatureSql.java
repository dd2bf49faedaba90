package dev.ownstack.insights.features;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the statement that computes every customer's features as of a cut-off, on DuckDB and
 * PostgreSQL alike. Only rows strictly before the cut-off are read. The customers are those with
 * at least one order before the cut-off. Values are bound parameters; identifiers are quoted by
 * the dialect and come from the specification, checked against the catalog by
 * {@link CustomerFeatures}.
 *
 * <p>Days are measured from epoch seconds ({@code EXTRACT(EPOCH FROM ...)}), which both engines
 * define the same way for a TIMESTAMP read at UTC, so a recency of 2.5 days is 2.5 on both.
 */
public final class FeatureSql {
    private static final double SECONDS_PER_DAY = 86_400.0;

    private final SqlDialect dialect;
    private final FeatureSpec spec;
    private final List<Object> parameters = new ArrayList<>();

    private FeatureSql(SqlDialect dialect, FeatureSpec spec) {
        this.dialect = dialect;
        this.spec = spec;
    }

    /**
     * The feature statement.
     *
     * @param eventNames the event names that get windowed counts; {@code withEvents} false leaves events out
     * @param customerColumns the columns of {@code spec.customers()} to take, with their types (numeric or boolean)
     */
    public static FeatureQuery build(SqlDialect dialect, FeatureSpec spec, LocalDateTime cutoff, boolean withEvents,
                                     List<String> eventNames, List<Column> customerColumns) {
        return new FeatureSql(dialect, spec).query(cutoff, withEvents, eventNames, customerColumns);
    }

    /** The name of the feature counting one event in a window: {@code events_product_viewed_30d}. */
    public static String eventFeatureName(String eventName, int days) {
        return "events_" + slug(eventName) + "_" + days + "d";
    }

    private FeatureQuery query(LocalDateTime cutoff, boolean withEvents, List<String> eventNames, List<Column> customerColumns) {
        List<String> names = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        String dbl = dialect.typeName(ColumnType.DOUBLE);
        int longest = spec.windowDays().stream().mapToInt(Integer::intValue).max().orElse(0);

        StringBuilder sql = new StringBuilder("WITH p AS (SELECT CAST(? AS TIMESTAMP) AS cutoff");
        parameters.add(cutoff);
        for (int days : spec.windowDays()) {
            sql.append(", CAST(? AS TIMESTAMP) AS ").append(since(days)).append(", CAST(? AS TIMESTAMP) AS ").append(before(days));
            parameters.add(cutoff.minusDays(days));
            parameters.add(cutoff.minusDays(2L * days));
        }
        sql.append("), tx AS (SELECT t.").append(q("customer_id")).append(" AS customer_id, t.").append(q("transaction_id"))
                .append(" AS transaction_id, t.").append(q("occurred_at"))
                .append(" AS occurred_at, ").append(epochDays("p.cutoff")).append(" - ").append(epochDays("t." + q("occurred_at")))
                .append(" AS age_days, CAST(t.").append(q("amount")).append(" AS ").append(dbl).append(") AS amount").append(passThrough("t.", true))
                .append(", CASE WHEN t.")
                .append(q("type")).append(" IS NULL OR t.").append(q("type")).append(in(spec.orderTypes()))
                .append(" THEN 1 ELSE 0 END AS is_order, CASE WHEN ").append(returnCondition())
                .append(" THEN 1 ELSE 0 END AS is_return FROM ").append(dialect.table(spec.transactions())).append(" t, p WHERE t.")
                .append(q("customer_id")).append(" IS NOT NULL AND t.").append(q("occurred_at")).append(" < p.cutoff)");

        // each order with the one before it and its rank from the last; the transaction id breaks ties in time
        sql.append(", ranked AS (SELECT customer_id, occurred_at, age_days, amount").append(passThrough("", false)).append(", lag(occurred_at) OVER (PARTITION BY customer_id"
                + " ORDER BY occurred_at, transaction_id) AS previous_at, row_number() OVER (PARTITION BY customer_id"
                + " ORDER BY occurred_at DESC, transaction_id DESC) AS from_last FROM tx WHERE is_order = 1)");
        sql.append(", orders AS (SELECT customer_id, count(*) AS orders, sum(amount) AS monetary_sum, avg(amount) AS monetary_avg,"
                + " min(occurred_at) AS first_at, max(occurred_at) AS last_at, max(CASE WHEN from_last = 1 THEN ")
                .append(epochDays("occurred_at")).append(" - ").append(epochDays("previous_at")).append(" END) AS last_gap,"
                + " count(DISTINCT CAST(occurred_at AS DATE)) AS order_days, max(CASE WHEN from_last = 2 THEN occurred_at END) AS second_last_at,"
                + " count(DISTINCT floor(age_days / 7)) AS active_weeks, count(DISTINCT floor(age_days / 30)) AS active_months");
        for (int i = 0; i < spec.transactionColumns().size(); i++) {
            sql.append(", sum(x").append(i).append(") AS x").append(i).append("_sum, avg(x").append(i).append(") AS x").append(i).append("_avg");
        }
        for (int days : spec.windowDays()) {
            sql.append(", sum(CASE WHEN occurred_at >= p.").append(since(days)).append(" THEN 1 ELSE 0 END) AS orders_").append(days)
                    .append(", sum(CASE WHEN occurred_at >= p.").append(since(days)).append(" THEN amount ELSE 0 END) AS monetary_")
                    .append(days)
                    .append(", sum(CASE WHEN occurred_at >= p.").append(before(days)).append(" AND occurred_at < p.").append(since(days))
                    .append(" THEN 1 ELSE 0 END) AS previous_orders_").append(days)
                    .append(", count(DISTINCT CASE WHEN occurred_at >= p.").append(since(days)).append(" THEN floor(age_days / 7) END) AS weeks_")
                    .append(days)
                    .append(", count(DISTINCT CASE WHEN occurred_at >= p.").append(since(days)).append(" THEN floor(age_days / 30) END) AS months_")
                    .append(days);
        }
        sql.append(" FROM ranked, p GROUP BY customer_id)");
        sql.append(", returns AS (SELECT customer_id, count(*) AS returns, sum(abs(amount)) AS returns_value"
                + " FROM tx WHERE is_return = 1 GROUP BY customer_id)");

        String last = epochDays("o.last_at");
        String first = epochDays("o.first_at");
        String now = epochDays("p.cutoff");
        feature(names, selects, "recency_days", "(" + now + " - " + last + ")");
        feature(names, selects, "tenure_days", "(" + now + " - " + first + ")");
        feature(names, selects, "orders", "o.orders");
        feature(names, selects, "monetary_sum", "o.monetary_sum");
        feature(names, selects, "monetary_avg", "o.monetary_avg");
        feature(names, selects, "mean_days_between_orders",
                "CASE WHEN o.orders > 1 THEN (" + last + " - " + first + ") / (o.orders - 1) END");
        feature(names, selects, "days_between_last_two_orders", "o.last_gap");
        feature(names, selects, "order_days", "o.order_days");
        feature(names, selects, "days_since_second_last_order", "(" + now + " - " + epochDays("o.second_last_at") + ")");
        // regularity: the share of the 7- and 30-day periods since the first order (counted back from the cut-off) with an order
        feature(names, selects, "active_week_share", "o.active_weeks / (floor((" + now + " - " + first + ") / 7) + 1)");
        feature(names, selects, "active_month_share", "o.active_months / (floor((" + now + " - " + first + ") / 30) + 1)");
        for (int i = 0; i < spec.transactionColumns().size(); i++) {
            String column = spec.transactionColumns().get(i);
            feature(names, selects, column + "_sum", "o.x" + i + "_sum");
            feature(names, selects, column + "_avg", "o.x" + i + "_avg");
        }
        feature(names, selects, "recency_over_mean_gap",
                "CASE WHEN o.orders > 1 AND o.last_at > o.first_at THEN (" + now + " - " + last + ") / ((" + last + " - " + first
                        + ") / (o.orders - 1)) END");
        // ratios carry over between periods of different length better than the raw day counts
        feature(names, selects, "recency_over_tenure",
                "CASE WHEN p.cutoff > o.first_at THEN (" + now + " - " + last + ") / (" + now + " - " + first + ") END");
        feature(names, selects, "orders_per_30_days", "o.orders * 30.0 / (" + now + " - " + first + " + 30)");
        feature(names, selects, "returns", "COALESCE(r.returns, 0)");
        feature(names, selects, "returns_value", "COALESCE(r.returns_value, 0)");
        for (int days : spec.windowDays()) {
            feature(names, selects, "orders_" + days + "d", "o.orders_" + days);
            feature(names, selects, "monetary_" + days + "d", "o.monetary_" + days);
            feature(names, selects, "orders_previous_" + days + "d", "o.previous_orders_" + days);
            feature(names, selects, "orders_trend_" + days + "d", "o.orders_" + days + " - o.previous_orders_" + days);
            feature(names, selects, "active_weeks_" + days + "d", "o.weeks_" + days);
            feature(names, selects, "active_months_" + days + "d", "o.months_" + days);
        }

        String eventJoin = "";
        if (withEvents) {
            sql.append(", ev AS (SELECT e.").append(q("customer_id")).append(" AS customer_id");
            Set<String> seen = new HashSet<>();
            for (int days : spec.windowDays()) {
                String column = "events_" + days + "d";
                sql.append(", sum(CASE WHEN e.").append(q("timestamp")).append(" >= p.").append(since(days))
                        .append(" THEN 1 ELSE 0 END) AS ").append(column);
                feature(names, selects, column, "COALESCE(ev." + column + ", 0)");
            }
            int index = 0;
            for (String event : eventNames) {
                for (int days : spec.windowDays()) {
                    String name = eventFeatureName(event, days);
                    if (!seen.add(name)) {
                        name = "events_" + index + "_" + slug(event) + "_" + days + "d";
                    }
                    String column = "e" + index + "_" + days;
                    sql.append(", sum(CASE WHEN e.").append(q("event")).append(" = ? AND e.").append(q("timestamp"))
                            .append(" >= p.").append(since(days)).append(" THEN 1 ELSE 0 END) AS ").append(column);
                    parameters.add(event);
                    feature(names, selects, name, "COALESCE(ev." + column + ", 0)");
                }
                index++;
            }
            sql.append(" FROM ").append(dialect.table(spec.events())).append(" e, p WHERE e.").append(q("customer_id"))
                    .append(" IS NOT NULL AND e.").append(q("timestamp")).append(" < p.cutoff AND e.").append(q("timestamp"))
                    .append(" >= p.").append(since(longest)).append(" GROUP BY e.").append(q("customer_id")).append(")");
            eventJoin = " LEFT JOIN ev ON ev.customer_id = o.customer_id";
        }

        String customerJoin = "";
        if (!customerColumns.isEmpty()) {
            for (Column column : customerColumns) {
                String value = "c." + q(column.name());
                String expression = column.type() == ColumnType.BOOLEAN
                        ? "CASE WHEN " + value + " THEN 1 WHEN NOT " + value + " THEN 0 END"
                        : value;
                feature(names, selects, "customer_" + column.name(), expression);
            }
            customerJoin = " LEFT JOIN " + dialect.table(spec.customers()) + " c ON c." + q("customer_id") + " = o.customer_id";
        }

        sql.append(" SELECT o.customer_id");
        for (int i = 0; i < names.size(); i++) {
            sql.append(", CAST(").append(selects.get(i)).append(" AS ").append(dbl).append(") AS ").append(q(names.get(i)));
        }
        sql.append(" FROM orders o CROSS JOIN p LEFT JOIN returns r ON r.customer_id = o.customer_id").append(eventJoin)
                .append(customerJoin).append(" ORDER BY o.customer_id");
        return new FeatureQuery(sql.toString(), parameters, names);
    }

    /** The configured transaction columns as {@code x0, x1, ...}, cast to DOUBLE when read from the table. */
    private String passThrough(String prefix, boolean fromTable) {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < spec.transactionColumns().size(); i++) {
            String source = fromTable ? "CAST(" + prefix + q(spec.transactionColumns().get(i)) + " AS " + dialect.typeName(ColumnType.DOUBLE) + ")"
                    : "x" + i;
            columns.append(", ").append(source).append(" AS x").append(i);
        }
        return columns.toString();
    }

    private String returnCondition() {
        if (spec.returnTypes().isEmpty()) {
            return "1 = 0";
        }
        return "t." + q("type") + in(spec.returnTypes());
    }

    private String in(List<String> values) {
        parameters.addAll(values);
        return " IN (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")";
    }

    private String epochDays(String timestamp) {
        return "CAST(EXTRACT(EPOCH FROM " + timestamp + ") AS " + dialect.typeName(ColumnType.DOUBLE) + ") / " + SECONDS_PER_DAY;
    }

    private void feature(List<String> names, List<String> selects, String name, String expression) {
        if (names.contains(name)) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "features: two features are named '" + name
                    + "'; rename or leave out the configured column that gives it");
        }
        names.add(name);
        selects.add(expression);
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }

    private static String since(int days) {
        return "since_" + days;
    }

    private static String before(int days) {
        return "before_" + days;
    }

    private static String slug(String eventName) {
        String slug = eventName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        slug = slug.isEmpty() ? "unnamed" : slug;
        // 63 characters at most for an identifier: "events_" + slug + "_365d" stays within it
        return slug.length() > 40 ? slug.substring(0, 40) : slug;
    }
}
