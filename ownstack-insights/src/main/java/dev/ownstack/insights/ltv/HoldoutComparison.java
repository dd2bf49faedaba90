package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Predicted against actual repeat purchases in a hold-out period, in total and per group of
 * calibration-period frequency (0, 1, ..., and the last group for that many or more), the
 * comparison Fader, Hardie and Lee draw for CDNOW.
 */
public record HoldoutComparison(List<Group> groups, double actual, double predicted) {
    public HoldoutComparison {
        groups = List.copyOf(groups);
    }

    /** Customers whose calibration frequency falls in one group, with their mean hold-out purchases. */
    public record Group(String frequency, int customers, double actualMean, double predictedMean) {
        public Group {
            Objects.requireNonNull(frequency, "frequency");
        }
    }

    /**
     * Compares for every customer the expected purchases in {@code periods} periods with the actual
     * ones ({@code holdoutPurchases}, absent means none); frequencies of {@code lastGroup} or more
     * are one group.
     */
    public static HoldoutComparison of(BgNbdParameters parameters, List<RfmSummary> customers,
                                       Map<String, Long> holdoutPurchases, double periods, int lastGroup) {
        if (lastGroup < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "last frequency group must be at least 1, got " + lastGroup);
        }
        int[] sizes = new int[lastGroup + 1];
        double[] actual = new double[lastGroup + 1];
        double[] predicted = new double[lastGroup + 1];
        for (RfmSummary customer : customers) {
            int group = (int) Math.min(customer.frequency(), lastGroup);
            sizes[group]++;
            actual[group] += holdoutPurchases.getOrDefault(customer.customerId(), 0L);
            predicted[group] += parameters.expectedPurchases(customer, periods);
        }
        List<Group> groups = new ArrayList<>();
        double totalActual = 0;
        double totalPredicted = 0;
        for (int group = 0; group <= lastGroup; group++) {
            totalActual += actual[group];
            totalPredicted += predicted[group];
            if (sizes[group] > 0) {
                groups.add(new Group(group == lastGroup ? group + "+" : Integer.toString(group), sizes[group],
                        actual[group] / sizes[group], predicted[group] / sizes[group]));
            }
        }
        return new HoldoutComparison(groups, totalActual, totalPredicted);
    }

    /** (predicted - actual) / actual. */
    public double relativeError() {
        return (predicted - actual) / actual;
    }
}
