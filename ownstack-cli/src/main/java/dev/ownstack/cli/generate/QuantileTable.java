package dev.ownstack.cli.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An empirical distribution kept as equally likely values: {@code k} quantiles taken at the
 * midpoints {@code (i + 0.5) / k} of a real sample. Drawing one of them uniformly reproduces the
 * sample's shape to within {@code 1/k} of probability, including ties and the heavy tails that no
 * textbook distribution fitted here, while leaving out the most extreme {@code 1/(2k)} of outliers.
 */
final class QuantileTable {

    private final int[] values;

    QuantileTable(int... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a quantile table needs at least one value");
        }
        for (int index = 1; index < values.length; index++) {
            if (values[index] < values[index - 1]) {
                throw new IllegalArgumentException("quantiles must not decrease, got " + values[index]
                        + " after " + values[index - 1] + " at position " + index);
            }
        }
        this.values = values.clone();
    }

    int draw(SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    /** A value between two neighbouring quantiles, for quantities such as durations that are continuous. */
    double drawContinuous(SplittableRandom random) {
        double position = random.nextDouble() * (values.length - 1);
        int lower = (int) position;
        double weight = position - lower;
        int upper = Math.min(lower + 1, values.length - 1);
        return values[lower] + weight * (values[upper] - values[lower]);
    }

    int size() {
        return values.length;
    }

    int[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
