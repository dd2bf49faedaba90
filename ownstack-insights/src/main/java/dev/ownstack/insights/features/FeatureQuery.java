package dev.ownstack.insights.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statement computing the features: its first result column is {@code customer_id}, the
 * others are the features in {@code featureNames} order, all DOUBLE.
 */
public record FeatureQuery(String sql, List<Object> parameters, List<String> featureNames) {
    public FeatureQuery {
        Objects.requireNonNull(sql, "sql");
        // List.copyOf refuses nulls; a bound parameter is never null here, but keep the order exactly
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        featureNames = List.copyOf(featureNames);
    }
}
