package dev.ownstack.insights.features;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Objects;

/**
 * What the customer features are computed from.
 *
 * @param transactions the transactions model ({@code model.transactions}): customer_id, occurred_at, amount, type
 * @param events the events model ({@code model.events}); its counts are features when the table exists
 * @param customers the customers model ({@code model.customers}), source of {@code customerColumns}
 * @param customerColumns numeric or boolean columns of {@code customers} taken as features as they are; they
 *     hold what the last build computed, so only columns that do not change after the cut-off belong here
 * @param transactionColumns numeric columns of {@code transactions} (items, quantity, ...) summed and averaged over
 *     the customer's orders before the cut-off
 * @param windowDays the trailing windows (days before the cut-off) of the windowed counts
 * @param topEvents how many event names, the most frequent before the cut-off, get windowed counts
 * @param orderTypes the values of {@code type} that are orders; a row without a type is an order too
 * @param returnTypes the values of {@code type} that are returns, refunds or cancellations
 */
public record FeatureSpec(TableName transactions, TableName events, TableName customers, List<String> customerColumns,
                          List<String> transactionColumns, List<Integer> windowDays, int topEvents, List<String> orderTypes, List<String> returnTypes) {
    public static final String MODEL_SCHEMA = "model";

    public FeatureSpec {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(customers, "customers");
        customerColumns = List.copyOf(customerColumns);
        transactionColumns = List.copyOf(transactionColumns);
        windowDays = List.copyOf(windowDays);
        orderTypes = List.copyOf(orderTypes);
        returnTypes = List.copyOf(returnTypes);
        if (windowDays.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.windows: at least one window is needed");
        }
        for (Integer days : windowDays) {
            if (days < 1) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.windows: a window must be at least 1 day, got " + days);
            }
        }
        if (windowDays.stream().distinct().count() != windowDays.size()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.windows: listed twice in " + windowDays);
        }
        if (topEvents < 0) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.top-events: must not be negative, got " + topEvents);
        }
        if (orderTypes.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.order-types: must not be empty");
        }
        for (String type : returnTypes) {
            if (orderTypes.contains(type)) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "features.return-types: '" + type + "' is an order type too");
            }
        }
    }

    /** The master models, windows of 30, 90, 180 and 365 days, the 5 most frequent events, no customer or transaction columns. */
    public static FeatureSpec defaults() {
        return new FeatureSpec(new TableName(MODEL_SCHEMA, "transactions"), new TableName(MODEL_SCHEMA, "events"),
                new TableName(MODEL_SCHEMA, "customers"), List.of(), List.of(), List.of(30, 90, 180, 365), 5,
                List.of("order"), List.of("return", "refund", "cancellation"));
    }

    public FeatureSpec withCustomerColumns(List<String> columns) {
        return new FeatureSpec(transactions, events, customers, columns, transactionColumns, windowDays, topEvents, orderTypes, returnTypes);
    }

    public FeatureSpec withTransactionColumns(List<String> columns) {
        return new FeatureSpec(transactions, events, customers, customerColumns, columns, windowDays, topEvents, orderTypes, returnTypes);
    }

    public FeatureSpec withTransactions(TableName table) {
        return new FeatureSpec(table, events, customers, customerColumns, transactionColumns, windowDays, topEvents, orderTypes, returnTypes);
    }

    public FeatureSpec withTopEvents(int count) {
        return new FeatureSpec(transactions, events, customers, customerColumns, transactionColumns, windowDays, count, orderTypes, returnTypes);
    }
}
