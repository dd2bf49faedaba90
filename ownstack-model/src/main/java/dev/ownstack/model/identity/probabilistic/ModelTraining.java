package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a {@link FellegiSunterModel} from the candidate pairs' pattern counts and fixed u
 * probabilities, the way Splink does: one EM session per blocking rule on the pairs meeting that
 * rule, estimating m only for comparisons of fields the rule does not block on (agreement on a
 * blocked field says nothing among pairs chosen for it); each comparison's m is the mean over its
 * sessions. A comparison whose field every rule blocks on is estimated by a session over all
 * candidate pairs instead. λ is then the EM estimate over all record pairs, with m and u fixed and
 * the pairs outside every rule taken as non-matches.
 */
final class ModelTraining {
    static final int MAX_LAMBDA_ITERATIONS = 1_000;

    private ModelTraining() {
    }

    /** The model, and per comparison the number of sessions that estimated its m (0: the all-pairs session). */
    record Trained(FellegiSunterModel model, int[] sessions) {
    }

    static Trained train(PatternCounts.Sorted counts, List<Comparison> comparisons, List<BlockingRule> rules, double[][] u,
                         double totalPairs) {
        int size = comparisons.size();
        int[] levelCounts = comparisons.stream().mapToInt(Comparison::levelCount).toArray();
        double[][] mSum = new double[size][];
        int[] sessions = new int[size];
        for (int k = 0; k < rules.size(); k++) {
            Set<String> blocked = rules.get(k).fields();
            boolean[] active = new boolean[size];
            boolean any = false;
            for (int c = 0; c < size; c++) {
                active[c] = !blocked.contains(comparisons.get(c).field());
                any |= active[c];
            }
            Map<Long, Long> session = aggregate(counts, 1 << k);
            if (!any || session.isEmpty()) {
                continue;
            }
            ExpectationMaximisation.Estimate estimate = run(session, levelCounts, u, active);
            for (int c = 0; c < size; c++) {
                if (active[c]) {
                    mSum[c] = add(mSum[c], estimate.m()[c]);
                    sessions[c]++;
                }
            }
        }
        double[][] m = new double[size][];
        boolean[] missing = new boolean[size];
        boolean anyMissing = false;
        for (int c = 0; c < size; c++) {
            missing[c] = sessions[c] == 0;
            anyMissing |= missing[c];
            if (!missing[c]) {
                m[c] = scale(mSum[c], 1.0 / sessions[c]);
            }
        }
        if (anyMissing) {
            ExpectationMaximisation.Estimate estimate = run(aggregate(counts, -1), levelCounts, u, missing);
            for (int c = 0; c < size; c++) {
                if (missing[c]) {
                    m[c] = estimate.m()[c];
                }
            }
        }
        double lambda = lambda(aggregate(counts, -1), m, u, totalPairs);
        return new Trained(new FellegiSunterModel(lambda, m, u), sessions);
    }

    /**
     * The fixed point λ = (expected matches among the candidate pairs at λ) / all pairs: EM for λ
     * alone over every record pair, where the pairs no rule produced are taken as non-matches.
     */
    static double lambda(Map<Long, Long> patterns, double[][] m, double[][] u, double totalPairs) {
        double[] logBayesFactors = new double[patterns.size()];
        long[] counts = new long[patterns.size()];
        int p = 0;
        long candidates = 0;
        for (Map.Entry<Long, Long> entry : patterns.entrySet()) {
            double logBayesFactor = 0;
            for (int c = 0; c < m.length; c++) {
                int level = PatternCounts.level(entry.getKey(), c);
                if (level != ComparisonLevels.NULL) {
                    logBayesFactor += Math.log(m[c][level] / u[c][level]);
                }
            }
            logBayesFactors[p] = logBayesFactor;
            counts[p++] = entry.getValue();
            candidates += entry.getValue();
        }
        double floor = 1 / Math.max(2, totalPairs);
        double lambda = Math.max(floor, Math.min(0.5, candidates / totalPairs));
        for (int iteration = 0; iteration < MAX_LAMBDA_ITERATIONS; iteration++) {
            double matches = 0;
            for (int i = 0; i < counts.length; i++) {
                matches += counts[i] * ExpectationMaximisation.posterior(lambda, logBayesFactors[i]);
            }
            double updated = Math.max(floor, Math.min(1 - 1e-9, matches / totalPairs));
            boolean converged = Math.abs(updated - lambda) <= 1e-10 * lambda;
            lambda = updated;
            if (converged) {
                break;
            }
        }
        return lambda;
    }

    private static ExpectationMaximisation.Estimate run(Map<Long, Long> session, int[] levelCounts, double[][] u, boolean[] active) {
        long[] patterns = session.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] values = session.values().stream().mapToLong(Long::longValue).toArray();
        return ExpectationMaximisation.run(patterns, values, levelCounts, u, active);
    }

    /** Pairs per pattern among those meeting the rule bit (all pairs for -1), in pattern order. */
    private static Map<Long, Long> aggregate(PatternCounts.Sorted counts, int ruleBit) {
        Map<Long, Long> session = new TreeMap<>();
        for (int i = 0; i < counts.patterns().length; i++) {
            if ((counts.rules()[i] & ruleBit) != 0) {
                session.merge(counts.patterns()[i], counts.counts()[i], Long::sum);
            }
        }
        return session;
    }

    private static double[] add(double[] sum, double[] values) {
        double[] result = sum == null ? new double[values.length] : sum;
        for (int i = 0; i < values.length; i++) {
            result[i] += values[i];
        }
        return result;
    }

    private static double[] scale(double[] values, double factor) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * factor;
        }
        return result;
    }
}
