package dev.ownstack.insights.features;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The features of customers as of a cut-off: one row per customer (in customer id order), one
 * column per feature name. A missing value (no order yet to measure a gap, a NULL trait) is NaN.
 */
public record FeatureMatrix(LocalDateTime cutoff, List<String> featureNames, List<String> customerIds, List<double[]> rows) {
    public FeatureMatrix {
        Objects.requireNonNull(cutoff, "cutoff");
        featureNames = List.copyOf(featureNames);
        customerIds = List.copyOf(customerIds);
        rows = List.copyOf(rows);
        if (customerIds.size() != rows.size()) {
            throw new OwnstackException(ErrorCode.INTERNAL, customerIds.size() + " customers but " + rows.size() + " feature rows");
        }
        for (double[] row : rows) {
            if (row.length != featureNames.size()) {
                throw new OwnstackException(ErrorCode.INTERNAL, "a feature row has " + row.length + " values for "
                        + featureNames.size() + " features");
            }
        }
    }

    public int size() {
        return customerIds.size();
    }

    /** The column of a feature by name. */
    public int column(String featureName) {
        int index = featureNames.indexOf(featureName);
        if (index < 0) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no feature '" + featureName + "' (features: " + featureNames + ")");
        }
        return index;
    }

    /** One feature's values in row order. */
    public double[] values(String featureName) {
        int index = column(featureName);
        double[] values = new double[rows.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = rows.get(row)[index];
        }
        return values;
    }

    /** The value of one customer's feature; NaN when missing. */
    public double value(String customerId, String featureName) {
        int row = customerIds.indexOf(customerId);
        if (row < 0) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no customer '" + customerId + "' among the features as of " + cutoff);
        }
        return rows.get(row)[column(featureName)];
    }
}
