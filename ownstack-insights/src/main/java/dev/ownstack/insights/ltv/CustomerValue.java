package dev.ownstack.insights.ltv;

import java.util.Objects;

/**
 * What the lifetime-value model expects of one customer over a horizon.
 *
 * @param expectedPurchases purchases expected within the horizon
 * @param probabilityAlive  the probability that the customer has not dropped out
 * @param expectedSpend     the expected amount per purchase
 * @param value             expected value within the horizon (discounted when configured)
 */
public record CustomerValue(String customerId, double expectedPurchases, double probabilityAlive, double expectedSpend,
                            double value) {
    public CustomerValue {
        Objects.requireNonNull(customerId, "customerId");
    }
}
