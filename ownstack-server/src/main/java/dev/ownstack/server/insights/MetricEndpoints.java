package dev.ownstack.server.insights;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.metrics.Metric;
import dev.ownstack.insights.metrics.MetricCatalog;
import dev.ownstack.insights.metrics.MetricColumn;
import dev.ownstack.insights.metrics.MetricParam;
import dev.ownstack.insights.metrics.MetricParams;
import dev.ownstack.insights.metrics.MetricResult;
import dev.ownstack.insights.metrics.Metrics;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.warehouse.Warehouse;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The handlers of {@code /api/metrics}: the catalog of dashboard metrics, and one metric's rows for the query
 * parameters of the request. The warehouse is opened per request and closed after it.
 */
public final class MetricEndpoints {
    private final Supplier<Warehouse> warehouses;
    private final Clock clock;

    /** @param clock gives today when a request has no {@code as_of} */
    public MetricEndpoints(Supplier<Warehouse> warehouses, Clock clock) {
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code GET /api/metrics}. */
    public void list(Context context) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode list = body.putArray("metrics");
        for (Metric metric : MetricCatalog.all()) {
            ObjectNode item = list.addObject();
            item.put("name", metric.name());
            item.put("description", metric.description());
            ArrayNode params = item.putArray("params");
            for (MetricParam param : metric.params()) {
                params.addObject().put("name", param.key()).put("description", param.description()).put("default", param.defaultValue());
            }
            ArrayNode columns = item.putArray("columns");
            for (MetricColumn column : metric.columns()) {
                columns.addObject().put("name", column.name()).put("description", column.description());
            }
        }
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/metrics/{name}?months=12&as_of=2011-12-09}. */
    public void get(Context context) {
        String name = context.pathParam("name");
        MetricParams params = params(context.queryParamMap());
        // An unknown name is answered before the warehouse is opened.
        MetricCatalog.require(name);
        MetricResult result;
        try (Warehouse warehouse = warehouses.get()) {
            result = new Metrics(warehouse, clock).run(name, params);
        }
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("metric", result.metric());
        ArrayNode columns = body.putArray("columns");
        result.columns().forEach(columns::add);
        ArrayNode rows = body.putArray("rows");
        for (List<Object> row : result.rows()) {
            ArrayNode values = rows.addArray();
            row.forEach(value -> values.add(ApiJson.value(value)));
        }
        ApiJson.write(context, 200, body);
    }

    private static MetricParams params(Map<String, List<String>> query) {
        Map<String, String> values = new TreeMap<>();
        query.forEach((name, given) -> {
            if (given.size() > 1) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, shorten(name) + ": given " + given.size() + " times; give it once");
            }
            values.put(name, given.isEmpty() ? "" : given.get(0));
        });
        return new MetricParams(values);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
