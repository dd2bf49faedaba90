package dev.ownstack.model.identity.probabilistic;

import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import java.util.Arrays;
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
 * candidate pairs instead, which also stands in for a rule whose fields are all compared. λ, the
 * share of matches among all record pairs, is the expected number of matches among the candidate
 * pairs (each pair's posterior in the session of the rule that produced it, where λ is large and
 * posteriors are sharp) over the number of record pairs: matches no rule finds are not counted.
 */
final class ModelTraining {
    private ModelTraining() {
    }

    /** The model, and per comparison the number of sessions that estimated its m (0: the all-pairs session). */
    record Trained(FellegiSunterModel model, int[] sessions) {
    }

    static Trained train(PatternCounts.Sorted counts, List<Comparison> comparisons, List<BlockingRule> rules, double[][] u,
                         double totalPairs) {
        int size = comparisons.size();
        int[] levelCounts = comparisons.stream().mapToInt(Comparison::levelCount).toArray();
        ExpectationMaximisation.Estimate[] estimates = new ExpectationMaximisation.Estimate[rules.size()];
        boolean[][] actives = new boolean[rules.size()][];
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
            estimates[k] = run(session, levelCounts, u, active);
            actives[k] = active;
            for (int c = 0; c < size; c++) {
                if (active[c]) {
                    mSum[c] = add(mSum[c], estimates[k].m()[c]);
                    sessions[c]++;
                }
            }
        }
        boolean[] all = new boolean[size];
        Arrays.fill(all, true);
        ExpectationMaximisation.Estimate overall = null;
        double[][] m = new double[size][];
        for (int c = 0; c < size; c++) {
            if (sessions[c] > 0) {
                m[c] = scale(mSum[c], 1.0 / sessions[c]);
            } else {
                overall = overall == null ? run(aggregate(counts, -1), levelCounts, u, all) : overall;
                m[c] = overall.m()[c];
            }
        }
        double matches = 0;
        for (int i = 0; i < counts.patterns().length; i++) {
            int rule = Integer.numberOfTrailingZeros(counts.rules()[i]);
            ExpectationMaximisation.Estimate estimate = estimates[rule];
            if (estimate == null) {
                overall = overall == null ? run(aggregate(counts, -1), levelCounts, u, all) : overall;
            }
            matches += counts.counts()[i] * (estimate == null
                    ? posterior(overall, all, u, counts.patterns()[i])
                    : posterior(estimate, actives[rule], u, counts.patterns()[i]));
        }
        double lambda = Math.max(1 / Math.max(2, totalPairs), Math.min(1 - 1e-9, matches / totalPairs));
        return new Trained(new FellegiSunterModel(lambda, m, u), sessions);
    }

    private static double posterior(ExpectationMaximisation.Estimate estimate, boolean[] active, double[][] u, long pattern) {
        double logBayesFactor = 0;
        for (int c = 0; c < active.length; c++) {
            int level = PatternCounts.level(pattern, c);
            if (active[c] && level != ComparisonLevels.NULL) {
                logBayesFactor += Math.log(estimate.m()[c][level] / u[c][level]);
            }
        }
        return ExpectationMaximisation.posterior(estimate.lambda(), logBayesFactor);
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
