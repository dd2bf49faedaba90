package dev.ownstack.insights.metrics;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric's SQL with its values bound: the resource's {@code :name} placeholders become {@code ?}, and the values
 * are bound in order (a name used twice is bound twice). The resources use no {@code ::} casts, and no colon inside
 * their string literals, so every {@code :name} is a placeholder.
 */
record MetricQuery(String sql, List<Object> parameters) {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):([a-z_]+)");

    MetricQuery {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters);
    }

    static MetricQuery of(Metric metric, Map<String, Object> values) {
        String template = load(metric.resource());
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = values.get(name);
            if (value == null) {
                throw new OwnstackException(ErrorCode.INTERNAL, "metric " + metric.name() + " uses :" + name + ", which has no value");
            }
            parameters.add(value);
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        return new MetricQuery(sql.toString(), parameters);
    }

    private static String load(String resource) {
        try (InputStream in = MetricQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the metric query " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot read the metric query " + resource + ": " + e.getMessage(), e);
        }
    }
}
