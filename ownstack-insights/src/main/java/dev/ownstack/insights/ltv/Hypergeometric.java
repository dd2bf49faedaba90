package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;

/** Gauss's hypergeometric function 2F1(a, b; c; z) by its power series, for 0 <= z < 1. */
final class Hypergeometric {
    private static final int MAX_TERMS = 1_000_000;
    private static final double RELATIVE_TOLERANCE = 1e-14;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "2F1 series needs 0 <= z < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        throw new OwnstackException(ErrorCode.INTERNAL,
                "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in " + MAX_TERMS + " terms");
    }
}
