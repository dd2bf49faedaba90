package dev.ownstack.cli.generate;

import java.util.SplittableRandom;

/**
 * The figures that make the generated shop behave like real ones, measured once on two public data
 * sets (see docs/GENERATOR.md for the measurement and the comparison with generated output).
 *
 * <p>Repeat buying comes from CDNOW (Fader and Hardie; 23,570 customers followed for 18 months
 * from their first purchase, 1997-1998): it observes every customer from the start, so the number of
 * orders per customer is not cut short. The basket, prices and reversals come from UCI Online Retail
 * (Chen, Sain and Guo 2012; a UK gift-ware shop, 2010-12 to 2011-12, lines with a CustomerID),
 * the only one of the two with order lines.
 */
final class Calibration {

    /** CDNOW: number of distinct purchase days per customer, and how many customers had that many. */
    private static final int[] ORDER_COUNTS = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
        29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 41, 42, 43, 44, 47, 48, 51, 53, 54, 57, 58, 59, 71, 72, 82,
        95, 116, 125, 146, 171};
    private static final int[] CUSTOMERS_WITH_ORDER_COUNT = {
        12054, 4040, 2205, 1436, 991, 643, 470, 378, 279, 182, 156, 126, 105, 78, 67, 53, 40, 26, 24, 36, 25, 21,
        16, 22, 7, 7, 6, 8, 6, 4, 4, 8, 6, 2, 5, 3, 3, 2, 1, 2, 2, 1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1};
    private static final int[] CUMULATIVE_CUSTOMERS = cumulative(CUSTOMERS_WITH_ORDER_COUNT);

    /**
     * CDNOW: days between consecutive purchase days of a customer, one table per group of customers by
     * how often they buy (frequent buyers come back sooner), 100 midpoint quantiles each.
     */
    private static final int[] GAP_GROUP_LOWEST_COUNT = {2, 3, 5, 10, 20};
    private static final QuantileTable[] GAP_DAYS = {
        new QuantileTable(1, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 22, 24, 25, 27,
            29, 31, 33, 35, 37, 39, 41, 43, 46, 48, 51, 55, 57, 60, 64, 68, 72, 76, 80, 85, 89, 95, 101, 105, 109,
            115, 120, 125, 132, 137, 143, 148, 154, 159, 163, 169, 175, 181, 187, 196, 203, 211, 220, 227, 235,
            241, 250, 255, 262, 269, 275, 281, 289, 296, 303, 313, 320, 329, 340, 349, 357, 365, 373, 381, 389,
            399, 406, 415, 426, 435, 449, 458, 467, 480, 506),
        new QuantileTable(1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 26,
            27, 29, 30, 32, 33, 35, 37, 39, 40, 42, 44, 46, 48, 50, 52, 55, 57, 60, 62, 64, 67, 70, 73, 76, 79, 82,
            85, 89, 92, 95, 99, 102, 105, 109, 113, 116, 120, 124, 128, 132, 136, 141, 145, 150, 154, 159, 164,
            169, 174, 179, 183, 188, 194, 200, 207, 213, 220, 228, 236, 243, 251, 259, 266, 275, 285, 294, 305,
            315, 328, 338, 352, 370, 390, 414, 451),
        new QuantileTable(1, 1, 2, 3, 3, 4, 4, 5, 6, 6, 7, 7, 8, 9, 10, 10, 11, 12, 13, 13, 14, 15, 15, 16, 17, 18,
            19, 20, 21, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 38, 39, 41, 42, 43, 45, 46,
            48, 49, 51, 53, 54, 56, 58, 60, 62, 63, 66, 68, 70, 72, 75, 77, 79, 82, 84, 87, 90, 93, 96, 99, 102,
            106, 109, 113, 118, 122, 126, 131, 135, 141, 148, 154, 160, 167, 174, 182, 193, 203, 216, 230, 249,
            273, 307, 354),
        new QuantileTable(1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 12, 12,
            12, 13, 13, 14, 14, 15, 15, 16, 16, 17, 17, 18, 19, 19, 20, 20, 21, 21, 22, 22, 23, 24, 25, 25, 26, 27,
            28, 28, 29, 30, 31, 32, 33, 34, 35, 35, 36, 38, 39, 40, 41, 42, 43, 45, 47, 48, 50, 51, 53, 54, 56, 59,
            61, 64, 66, 68, 71, 74, 78, 82, 86, 91, 96, 102, 108, 117, 126, 137, 155, 179, 231),
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5,
            5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 8, 8, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 12, 12, 12, 13, 13,
            14, 14, 14, 15, 15, 15, 16, 16, 17, 18, 18, 19, 20, 21, 21, 22, 22, 23, 24, 26, 27, 28, 28, 29, 31, 32,
            34, 35, 37, 39, 42, 44, 48, 51, 56, 63, 74, 89, 119)};

    /** Online Retail: lines per invoice, 100 midpoint quantiles over 18,532 invoices. */
    static final QuantileTable LINES_PER_ORDER = new QuantileTable(
        1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
        10, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 19, 19,
        20, 20, 20, 21, 21, 22, 22, 23, 24, 24, 25, 26, 26, 27, 28, 29, 29, 30, 31, 32, 33, 35, 36, 38, 39, 41,
        42, 44, 47, 49, 52, 54, 58, 62, 67, 74, 83, 96, 136);

    /**
     * Online Retail: quantity per line, 100 midpoint quantiles over 397,884 lines, one table for each
     * fifth of the lines by unit price (cheap items sell by the dozen). Drawing the quantity for the
     * price keeps order totals near the real ones, which independent draws overshoot by a third.
     */
    private static final QuantileTable[] QUANTITY_BY_PRICE_FIFTH = {
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 6,
            6, 6, 6, 6, 8, 8, 9, 10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
            12, 13, 16, 16, 20, 22, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 25, 25, 25, 25,
            25, 25, 30, 36, 36, 36, 48, 48, 48, 48, 64, 72, 96, 120, 180, 384),
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3,
            3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 6, 7, 8, 8, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 12,
            12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 15, 16, 20, 24, 24,
            24, 24, 24, 24, 24, 24, 36, 42, 48, 72, 96, 100, 200),
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3,
            3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 8, 8, 9, 10, 10, 10, 10, 10, 10, 10, 10,
            10, 10, 10, 10, 10, 10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 16,
            20, 20, 20, 24, 24, 30, 36, 48, 64, 100, 192),
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2,
            2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
            6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 8, 8, 8, 8, 10, 12, 12, 12, 12, 12, 12, 12, 12, 18, 24, 24, 24,
            36, 48, 60, 128),
        new QuantileTable(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
            2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
            3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 6, 6, 6, 6, 6, 8, 8, 9, 10, 12, 12, 12, 16, 24,
            24, 64)};

    /** Online Retail: unit price of a line in pence, 100 midpoint quantiles over the same lines. */
    static final QuantileTable UNIT_PRICE_PENCE = new QuantileTable(
        19, 29, 39, 39, 42, 42, 42, 42, 42, 42, 55, 55, 65, 65, 79, 83, 85, 85, 85, 85, 85, 85, 85, 106, 125, 125,
        125, 125, 125, 125, 125, 125, 125, 125, 125, 145, 145, 145, 145, 165, 165, 165, 165, 165, 165, 165, 165,
        165, 169, 179, 195, 195, 195, 208, 208, 208, 208, 210, 210, 210, 210, 225, 255, 255, 255, 289, 295, 295,
        295, 295, 295, 295, 295, 335, 375, 375, 375, 375, 395, 415, 415, 425, 465, 495, 495, 495, 495, 575, 595,
        595, 675, 785, 795, 825, 850, 850, 995, 1095, 1275, 1695);

    /** Online Retail: 3,654 cancellation invoices against 18,532 invoices, for customers with an id. */
    static final double REVERSAL_RATE = 3654.0 / 18532.0;

    /**
     * Online Retail: of the 2,728 cancellation invoices that match an earlier invoice of the customer,
     * 145 reverse all of its lines and quantities; the rest return some lines.
     */
    static final double FULL_REVERSAL_SHARE = 145.0 / 2728.0;

    /**
     * A partial return drawn for an order of one line of one item can only be a full one, which
     * would push the full share above the source's; full reversals are drawn less often to make up.
     */
    static final double FULL_REVERSAL_DRAW_SHARE = compensatedFullShare();

    /** Online Retail: hours from the invoice to its full reversal, 20 midpoint quantiles. */
    static final QuantileTable FULL_REVERSAL_DELAY_HOURS = new QuantileTable(
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 22, 71, 117, 175, 305, 461, 622, 1169, 4077);

    /** Online Retail: hours from the invoice to a partial return, 20 midpoint quantiles. */
    static final QuantileTable PARTIAL_REFUND_DELAY_HOURS = new QuantileTable(
        0, 23, 48, 73, 95, 115, 126, 146, 166, 173, 194, 219, 263, 313, 366, 460, 599, 842, 1292, 2657);

    /** Online Retail: share of the invoice's lines a partial return covers, per mille, 20 quantiles. */
    static final QuantileTable PARTIAL_REFUND_LINE_SHARE_PER_MILLE = new QuantileTable(
        13, 21, 29, 34, 40, 45, 53, 59, 67, 71, 83, 100, 111, 125, 143, 167, 200, 250, 333, 667);

    private Calibration() {
    }

    static int drawOrderCount(SplittableRandom random) {
        int target = random.nextInt(CUMULATIVE_CUSTOMERS[CUMULATIVE_CUSTOMERS.length - 1]);
        int low = 0;
        int high = CUMULATIVE_CUSTOMERS.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (CUMULATIVE_CUSTOMERS[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return ORDER_COUNTS[low];
    }

    /** The quantity table for a product whose price is quantile {@code priceQuantile} (0 to 99) of the price table. */
    static QuantileTable quantityFor(int priceQuantile) {
        return QUANTITY_BY_PRICE_FIFTH[priceQuantile * QUANTITY_BY_PRICE_FIFTH.length / UNIT_PRICE_PENCE.size()];
    }

    static QuantileTable gapDaysFor(int orderCount) {
        int group = 0;
        while (group + 1 < GAP_GROUP_LOWEST_COUNT.length && orderCount >= GAP_GROUP_LOWEST_COUNT[group + 1]) {
            group++;
        }
        return GAP_DAYS[group];
    }

    private static double compensatedFullShare() {
        double oneLine = shareEqualTo(LINES_PER_ORDER, 1);
        double oneItem = 0;
        for (QuantileTable quantities : QUANTITY_BY_PRICE_FIFTH) {
            oneItem += shareEqualTo(quantities, 1) / QUANTITY_BY_PRICE_FIFTH.length;
        }
        double forcedFull = oneLine * oneItem;
        return (FULL_REVERSAL_SHARE - forcedFull) / (1 - forcedFull);
    }

    private static double shareEqualTo(QuantileTable table, int value) {
        int[] values = table.values();
        int equal = 0;
        for (int candidate : values) {
            equal += candidate == value ? 1 : 0;
        }
        return equal / (double) values.length;
    }

    private static int[] cumulative(int[] counts) {
        int[] sums = new int[counts.length];
        int sum = 0;
        for (int index = 0; index < counts.length; index++) {
            sum += counts[index];
            sums[index] = sum;
        }
        return sums;
    }
}
