package dev.ownstack.cli.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a person's orders from the calibrated distributions and writes orders.csv,
 * order_items.csv and transactions.csv.
 *
 * <p>A person's whole history is placed inside the reference window: the number of orders and the
 * gaps between them are drawn first, then the first order date so that the last one still fits.
 * A refund that would fall after the window's end has not happened yet and is left out.
 */
final class OrderHistory {

    /** Share, per mille, of people with a shop account who have ever ordered. */
    static final int BUYER_PER_MILLE = 900;
    /** Share, per mille, of a multi-account person's orders placed from the first account. */
    private static final int FIRST_ACCOUNT_PER_MILLE = 700;
    private static final int WINDOW_DAYS = (int) (ReferenceWindow.lengthMillis() / ReferenceWindow.MILLIS_PER_DAY);

    private final RecordIds ids;
    private final ProductCatalog catalog;

    OrderHistory(RecordIds ids, ProductCatalog catalog) {
        this.ids = ids;
        this.catalog = catalog;
    }

    List<Order> plan(long personIndex, int shopAccounts, SplittableRandom random) {
        if (shopAccounts == 0 || !Noise.chance(random, BUYER_PER_MILLE)) {
            return List.of();
        }
        int count = Math.min(Calibration.drawOrderCount(random), RecordIds.ORDER_SLOTS);
        int[] days = orderDays(count, random);
        List<Order> orders = new ArrayList<>(count);
        for (int number = 0; number < count; number++) {
            int account = shopAccounts == 1 || Noise.chance(random, FIRST_ACCOUNT_PER_MILLE)
                    ? 0 : 1 + random.nextInt(shopAccounts - 1);
            // Between 07:00 and 23:00 UTC: a UK shop sees few orders at night.
            long orderedAt = ReferenceWindow.START_MILLIS + days[number] * ReferenceWindow.MILLIS_PER_DAY
                    + 7 * ReferenceWindow.MILLIS_PER_HOUR + random.nextLong(16 * ReferenceWindow.MILLIS_PER_HOUR);
            orders.add(order(personIndex, number, account, orderedAt, random));
        }
        return orders;
    }

    /** Day numbers within the window, gaps drawn for the person's order count, squeezed only if they overflow. */
    private static int[] orderDays(int count, SplittableRandom random) {
        QuantileTable gapTable = Calibration.gapDaysFor(count);
        int[] gaps = new int[count];
        long span = 0;
        for (int number = 1; number < count; number++) {
            gaps[number] = gapTable.draw(random);
            span += gaps[number];
        }
        int available = WINDOW_DAYS - 1;
        if (span > available) {
            // Only the most frequent buyers overflow two years; each gap keeps at least a day, so the sum fits.
            long room = available - (count - 1);
            long squeezed = 0;
            for (int number = 1; number < count; number++) {
                gaps[number] = Math.max(1, (int) (gaps[number] * room / span));
                squeezed += gaps[number];
            }
            span = squeezed;
        }
        int day = random.nextInt((int) (available - span) + 1);
        int[] days = new int[count];
        for (int number = 0; number < count; number++) {
            day += gaps[number];
            days[number] = day;
        }
        return days;
    }

    private Order order(long personIndex, int number, int account, long orderedAt, SplittableRandom random) {
        int lineCount = Calibration.LINES_PER_ORDER.draw(random);
        ProductCatalog.Product[] products = new ProductCatalog.Product[lineCount];
        int[] quantities = new int[lineCount];
        int[] refunded = new int[lineCount];
        long total = 0;
        for (int line = 0; line < lineCount; line++) {
            products[line] = catalog.draw(random);
            quantities[line] = Calibration.quantityFor(products[line].priceQuantile()).draw(random);
            total += quantities[line] * products[line].unitPrice();
        }
        Order.Status status = Order.Status.COMPLETED;
        long reversedAt = 0;
        long reversedAmount = 0;
        if (random.nextDouble() < Calibration.REVERSAL_RATE) {
            boolean full = random.nextDouble() < Calibration.FULL_REVERSAL_DRAW_SHARE;
            QuantileTable delays = full ? Calibration.FULL_REVERSAL_DELAY_HOURS : Calibration.PARTIAL_REFUND_DELAY_HOURS;
            long delay = Math.max(2 * ReferenceWindow.MILLIS_PER_MINUTE,
                    (long) (delays.drawContinuous(random) * ReferenceWindow.MILLIS_PER_HOUR));
            long at = orderedAt + delay;
            if (at < ReferenceWindow.END_MILLIS) {
                reversedAt = at;
                if (full || !refundSomeLines(quantities, refunded, random)) {
                    System.arraycopy(quantities, 0, refunded, 0, lineCount);
                    status = full && delay < 24 * ReferenceWindow.MILLIS_PER_HOUR
                            ? Order.Status.CANCELLED : Order.Status.REFUNDED;
                } else {
                    status = Order.Status.PARTIALLY_REFUNDED;
                }
                for (int line = 0; line < lineCount; line++) {
                    reversedAmount += refunded[line] * products[line].unitPrice();
                }
            }
        }
        List<Order.Line> lines = new ArrayList<>(lineCount);
        for (int line = 0; line < lineCount; line++) {
            lines.add(new Order.Line(products[line], quantities[line], refunded[line]));
        }
        return new Order(ids.orderId(personIndex, number), number, account, orderedAt, lines, total,
                status, reversedAt, reversedAmount);
    }

    /**
     * Returns a calibrated share of the lines, whole; an order of one line returns part of its
     * quantity. False when nothing less than everything can be returned (one line of one item).
     */
    private static boolean refundSomeLines(int[] quantities, int[] refunded, SplittableRandom random) {
        int lineCount = quantities.length;
        if (lineCount == 1) {
            if (quantities[0] < 2) {
                return false;
            }
            refunded[0] = 1 + random.nextInt(quantities[0] - 1);
            return true;
        }
        double share = Calibration.PARTIAL_REFUND_LINE_SHARE_PER_MILLE.drawContinuous(random) / 1000.0;
        int toRefund = Math.min(lineCount - 1, Math.max(1, (int) Math.round(share * lineCount)));
        int[] positions = new int[lineCount];
        for (int line = 0; line < lineCount; line++) {
            positions[line] = line;
        }
        for (int chosen = 0; chosen < toRefund; chosen++) {
            int other = chosen + random.nextInt(lineCount - chosen);
            int swap = positions[chosen];
            positions[chosen] = positions[other];
            positions[other] = swap;
            refunded[positions[chosen]] = quantities[positions[chosen]];
        }
        return true;
    }

    void write(List<Order> orders, List<ContactSources.ShopAccount> accounts, long personIndex, OutputFiles files) {
        // no random draws here, so a file left out can be skipped outright
        boolean writesOrders = files.writes(OutputFiles.ORDERS);
        boolean writesLines = files.writes(OutputFiles.ORDER_ITEMS);
        for (Order order : orders) {
            String customerId = accounts.get(order.accountIndex()).customerId();
            if (writesOrders) {
                files.orders.start().number(order.orderId()).text(customerId).timestamp(order.orderedAt())
                        .text(order.status().text).text(Money.CURRENCY).money(order.total()).end();
            }
            int lineNumber = 1;
            for (Order.Line line : writesLines ? order.lines() : List.<Order.Line>of()) {
                files.orderItems.start().number(order.orderId()).number(lineNumber++).text(line.product().sku())
                        .prepared(line.product().csvName()).number(line.quantity()).money(line.product().unitPrice())
                        .number(line.refundedQuantity()).end();
            }
            files.transactions.start().number(ids.transactionId(personIndex, order.orderNumber(), 0))
                    .number(order.orderId()).text(customerId).text("order").timestamp(order.orderedAt())
                    .text(Money.CURRENCY).money(order.total()).end();
            if (order.status() != Order.Status.COMPLETED) {
                files.transactions.start().number(ids.transactionId(personIndex, order.orderNumber(), 1))
                        .number(order.orderId()).text(customerId).text(order.reversalType())
                        .timestamp(order.reversedAt()).text(Money.CURRENCY).money(-order.reversedAmount()).end();
            }
        }
    }
}
