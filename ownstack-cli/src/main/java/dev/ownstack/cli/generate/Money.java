package dev.ownstack.cli.generate;

/** Amounts are kept in minor units (pence) as longs so that totals add up exactly. */
final class Money {

    static final String CURRENCY = "GBP";

    private Money() {
    }

    static void append(StringBuilder target, long minorUnits) {
        if (minorUnits < 0) {
            target.append('-');
        }
        long absolute = Math.abs(minorUnits);
        target.append(absolute / 100).append('.');
        long fraction = absolute % 100;
        if (fraction < 10) {
            target.append('0');
        }
        target.append(fraction);
    }
}
