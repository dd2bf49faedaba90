package dev.ownstack.insights.metrics;

import java.util.Objects;

/** A column of a metric's result, with what it holds. */
public record MetricColumn(String name, String description) {
    public MetricColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
