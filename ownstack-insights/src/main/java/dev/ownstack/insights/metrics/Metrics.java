package dev.ownstack.insights.metrics;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs the dashboard metrics of {@link MetricCatalog} on a warehouse: checks the parameters, binds the time window,
 * runs the metric's one query and answers its rows. A metric whose tables do not exist yet (no identity run, no
 * sync run) answers no rows. Not thread-safe beyond what the warehouse is; the caller owns and closes the warehouse.
 */
public final class Metrics {
    private static final String TIME = "yyyy-MM-dd HH:mm:ss";

    private final Warehouse warehouse;
    private final Clock clock;

    /** @param clock gives today (UTC) when a request has no {@code as_of} */
    public Metrics(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The metric's result for these parameters. NOT_FOUND for a name not in the catalog; ARGUMENT_INVALID for a
     * parameter the metric does not take or a value out of its range, naming the parameter and the value.
     */
    public MetricResult run(String name, MetricParams params) {
        Metric metric = MetricCatalog.require(name);
        Map<String, Object> values = bindings(metric, params);
        for (TableName table : metric.tables()) {
            if (warehouse.describe(table).isEmpty()) {
                return MetricResult.empty(metric);
            }
        }
        MetricQuery query = MetricQuery.of(metric, values);
        return MetricResult.of(metric, warehouse.queryAll(query.sql(), query.parameters().toArray()).rows());
    }

    private Map<String, Object> bindings(Metric metric, MetricParams params) {
        List<String> known = metric.params().stream().map(MetricParam::key).toList();
        for (String given : params.values().keySet()) {
            if (!known.contains(given)) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, shorten(given) + ": not a parameter of " + metric.name()
                        + (known.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", known)));
            }
        }
        LocalDate asOf = params.get(MetricParam.AS_OF.key()).map(MetricParam.AS_OF::date)
                .orElseGet(() -> LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        int months = params.get(MetricParam.MONTHS.key()).map(text -> MetricParam.MONTHS.whole(text, 1, MetricParam.MAX_MONTHS))
                .orElse(Integer.parseInt(MetricParam.MONTHS.defaultValue()));
        int days = params.get(MetricParam.DAYS.key()).map(text -> MetricParam.DAYS.whole(text, 1, MetricParam.MAX_DAYS))
                .orElse(Integer.parseInt(MetricParam.DAYS.defaultValue()));
        LocalDate lastMonth = asOf.withDayOfMonth(1);
        Map<String, Object> values = new HashMap<>();
        values.put("as_of", asOf.toString());
        values.put("end", time(asOf.plusDays(1)));
        values.put("first_month", time(lastMonth.minusMonths(months - 1L)));
        values.put("last_month", time(lastMonth));
        values.put("first_day", time(asOf.minusDays(days - 1L)));
        return values;
    }

    private static String time(LocalDate day) {
        return LocalDateTime.of(day, LocalTime.MIDNIGHT).format(DateTimeFormatter.ofPattern(TIME));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
