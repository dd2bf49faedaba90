package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Objects;

/**
 * One customer's purchase history up to the end of a calibration period, in periods (weeks, say).
 * Purchases are counted per day: several on one day are one purchase.
 *
 * @param customerId      the customer
 * @param frequency       repeat purchases: days with a purchase after the first one ({@code x})
 * @param recency         time from the first purchase to the last ({@code t_x}); 0 without repeats
 * @param age             time from the first purchase to the end of the calibration period ({@code T})
 * @param meanRepeatSpend the mean amount of a repeat purchase day; 0 without repeats
 */
public record RfmSummary(String customerId, long frequency, double recency, double age, double meanRepeatSpend) {
    public RfmSummary {
        Objects.requireNonNull(customerId, "customerId");
        if (frequency < 0 || !(recency >= 0) || !(age >= recency) || !Double.isFinite(age) || !Double.isFinite(meanRepeatSpend)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "customer " + customerId
                    + ": invalid summary (frequency " + frequency + ", recency " + recency + ", age " + age
                    + ", mean repeat spend " + meanRepeatSpend + "): need frequency >= 0 and 0 <= recency <= age");
        }
        if (frequency == 0 && (recency != 0 || meanRepeatSpend != 0)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "customer " + customerId
                    + ": without repeat purchases recency and mean repeat spend must be 0");
        }
    }
}
