package dev.ownstack.insights.metrics;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of one metric request as given (query-string values by name); {@link Metrics} checks them
 * against the metric's parameters. An empty value counts as not given.
 */
public record MetricParams(Map<String, String> values) {
    public MetricParams {
        values = Map.copyOf(new TreeMap<>(values));
    }

    public static MetricParams none() {
        return new MetricParams(Map.of());
    }

    public static MetricParams of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new MetricParams(values);
    }

    /** The value of the parameter, when given and not empty. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
