package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.CustomerFeatures;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds labelled sets with a time split: features from the rows strictly before the cut-off,
 * the label from the orders in {@code [cutoff, cutoff + labelDays)}. Only customers with an order
 * before the cut-off are in the set, so nothing after the cut-off decides who is in it.
 */
public final class LabelledSets {
    private LabelledSets() {
    }

    public static LabelledSet build(Warehouse warehouse, FeatureSpec spec, LocalDateTime cutoff, int labelDays) {
        if (labelDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the label window must be at least 1 day, got " + labelDays);
        }
        LocalDateTime end = cutoff.plusDays(labelDays);
        FeatureMatrix features = CustomerFeatures.compute(warehouse, spec, cutoff);
        requireDataThrough(warehouse, spec, end);
        Set<String> active = buyers(warehouse, spec, cutoff, end);
        boolean[] churned = new boolean[features.size()];
        for (int row = 0; row < churned.length; row++) {
            churned[row] = !active.contains(features.customerIds().get(row));
        }
        return new LabelledSet(features, churned, labelDays);
    }

    /**
     * One training set of several cut-offs: each cut-off's labelled set, built as {@link #build} does, one after the
     * other in the order given (a customer is a row at every cut-off they had ordered by). More cut-offs give the
     * model more examples and more than one season to learn from. The set's cut-off is the last one given.
     */
    public static LabelledSet stacked(Warehouse warehouse, FeatureSpec spec, List<LocalDateTime> cutoffs, int labelDays) {
        if (cutoffs.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "at least one training cut-off is needed");
        }
        if (new HashSet<>(cutoffs).size() != cutoffs.size()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "a training cut-off is listed twice in " + cutoffs);
        }
        List<String> customers = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        List<String> names = null;
        for (LocalDateTime cutoff : cutoffs) {
            LabelledSet set = build(warehouse, spec, cutoff, labelDays);
            names = set.features().featureNames();
            customers.addAll(set.features().customerIds());
            rows.addAll(set.features().rows());
            for (boolean churned : set.churned()) {
                labels.add(churned);
            }
        }
        boolean[] churned = new boolean[labels.size()];
        for (int i = 0; i < churned.length; i++) {
            churned[i] = labels.get(i);
        }
        return new LabelledSet(new FeatureMatrix(cutoffs.get(cutoffs.size() - 1), names, customers, rows), churned, labelDays);
    }

    /** The customers with an order in {@code [from, to)}. */
    static Set<String> buyers(Warehouse warehouse, FeatureSpec spec, LocalDateTime from, LocalDateTime to) {
        SqlDialect dialect = warehouse.dialect();
        List<Object> parameters = new ArrayList<>(List.of(from, to));
        parameters.addAll(spec.orderTypes());
        String sql = "SELECT DISTINCT " + dialect.quote("customer_id") + " FROM " + dialect.table(spec.transactions()) + " WHERE "
                + dialect.quote("customer_id") + " IS NOT NULL AND " + dialect.quote("occurred_at") + " >= CAST(? AS TIMESTAMP) AND "
                + dialect.quote("occurred_at") + " < CAST(? AS TIMESTAMP) AND (" + dialect.quote("type") + " IS NULL OR "
                + dialect.quote("type") + " IN (" + String.join(", ", Collections.nCopies(spec.orderTypes().size(), "?")) + "))";
        Set<String> customers = new HashSet<>();
        for (Object[] row : warehouse.queryAll(sql, parameters.toArray()).rows()) {
            customers.add(String.valueOf(row[0]));
        }
        return customers;
    }

    /**
     * A label window that runs past the data would call every customer who buys later churned:
     * the latest transaction must lie within a day of the window's end, or after it.
     */
    private static void requireDataThrough(Warehouse warehouse, FeatureSpec spec, LocalDateTime end) {
        Object latest = warehouse.queryAll("SELECT max(" + warehouse.dialect().quote("occurred_at") + ") FROM "
                + warehouse.dialect().table(spec.transactions())).singleValue();
        LocalDateTime last = latest instanceof OffsetDateTime at ? at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                : (LocalDateTime) latest;
        if (last == null || last.isBefore(end.minusDays(1))) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the label window ends at " + end + " but the latest transaction in "
                    + spec.transactions() + " is at " + last + ": choose an earlier cut-off or a shorter label window");
        }
    }
}
