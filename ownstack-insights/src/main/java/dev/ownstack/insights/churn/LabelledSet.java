package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.util.Objects;

/**
 * Customers' features as of a cut-off with their churn label: {@code churned[i]} is true when
 * the customer of row {@code i} placed no order in the {@code labelDays} days from the cut-off.
 */
public record LabelledSet(FeatureMatrix features, boolean[] churned, int labelDays) {
    public LabelledSet {
        Objects.requireNonNull(features, "features");
        churned = churned.clone();
        if (churned.length != features.size()) {
            throw new OwnstackException(ErrorCode.INTERNAL, churned.length + " labels for " + features.size() + " customers");
        }
        if (labelDays < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the label window must be at least 1 day, got " + labelDays);
        }
    }

    @Override
    public boolean[] churned() {
        return churned.clone();
    }

    public int size() {
        return churned.length;
    }

    public int churnedCount() {
        int count = 0;
        for (boolean value : churned) {
            count += value ? 1 : 0;
        }
        return count;
    }

    /** The share of customers who churned. */
    public double churnRate() {
        return churned.length == 0 ? 0 : (double) churnedCount() / churned.length;
    }
}
