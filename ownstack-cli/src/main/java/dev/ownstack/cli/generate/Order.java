package dev.ownstack.cli.generate;

import java.util.List;
import java.util.Objects;

/**
 * One generated order and what became of it.
 *
 * @param accountIndex which of the person's shop accounts placed it
 * @param reversedAt when it was cancelled or refunded; meaningless when {@code status} is COMPLETED
 * @param reversedAmount pence given back, zero when COMPLETED
 */
record Order(
        long orderId,
        int orderNumber,
        int accountIndex,
        long orderedAt,
        List<Line> lines,
        long total,
        Status status,
        long reversedAt,
        long reversedAmount) {

    enum Status {
        COMPLETED("completed"), CANCELLED("cancelled"), REFUNDED("refunded"), PARTIALLY_REFUNDED("partially_refunded");

        final String text;

        Status(String text) {
            this.text = text;
        }
    }

    record Line(ProductCatalog.Product product, int quantity, int refundedQuantity) {

        Line {
            Objects.requireNonNull(product, "product");
            if (quantity < 1 || refundedQuantity < 0 || refundedQuantity > quantity) {
                throw new IllegalArgumentException("refunded quantity must be within the quantity " + quantity
                        + ", got " + refundedQuantity);
            }
        }
    }

    Order {
        lines = List.copyOf(lines);
        Objects.requireNonNull(status, "status");
    }

    /** The transaction type that reverses this order, as written in transactions.csv. */
    String reversalType() {
        return status == Status.CANCELLED ? "cancellation" : "refund";
    }
}
