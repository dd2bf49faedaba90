package dev.ownstack.insights.ltv;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over strictly positive parameters with Nelder-Mead on their
 * logarithms, so no bound is ever crossed. The search restarts from its own optimum until a
 * restart no longer improves it, the usual cure for a simplex that collapsed early.
 */
final class LogLikelihoodMaximiser {
    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_RESTARTS = 10;

    private LogLikelihoodMaximiser() {
    }

    /** The parameters (not their logarithms) that maximise the log-likelihood, and its value there. */
    static PointValuePair maximise(ToDoubleFunction<double[]> logLikelihood, double[] start, String model) {
        ObjectiveFunction objective = new ObjectiveFunction(logParameters -> {
            double value = logLikelihood.applyAsDouble(exp(logParameters));
            return Double.isFinite(value) ? value : Double.NEGATIVE_INFINITY;
        });
        double[] point = log(start);
        double best = Double.NEGATIVE_INFINITY;
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-10);
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            PointValuePair result;
            try {
                result = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), new MaxIter(MAX_EVALUATIONS), objective,
                        GoalType.MAXIMIZE, new InitialGuess(point), new NelderMeadSimplex(point.length, 0.5));
            } catch (TooManyEvaluationsException e) {
                throw new OwnstackException(ErrorCode.INTERNAL,
                        model + " fit did not converge in " + MAX_EVALUATIONS + " evaluations", e);
            }
            boolean improved = result.getValue() > best + 1e-9 * Math.abs(best);
            point = result.getPoint();
            best = Math.max(best, result.getValue());
            if (!improved) {
                break;
            }
        }
        if (!Double.isFinite(best)) {
            throw new OwnstackException(ErrorCode.INTERNAL, model + " fit found no finite log-likelihood");
        }
        return new PointValuePair(exp(point), best);
    }

    private static double[] exp(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.exp(values[i]);
        }
        return result;
    }

    private static double[] log(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.log(values[i]);
        }
        return result;
    }
}
