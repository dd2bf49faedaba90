package dev.ownstack.model.identity.probabilistic;

import java.util.List;
import java.util.Objects;

/**
 * What a probabilistic matching run found and estimated, for explain, statistics and docs.
 *
 * @param records        records read (rows with a node)
 * @param candidatePairs pairs scored: records equal on every term of at least one blocking rule
 * @param linkedPairs    pairs whose match probability reached the threshold
 * @param rules          per blocking rule, in configured order, the pairs it produced and linked
 * @param uSamplePairs   random record pairs the u probabilities were estimated from
 * @param model          the trained model (λ, m and u per comparison level)
 * @param comparisons    per comparison, its levels with m, u and match weight
 */
public record MatchSummary(long records, long candidatePairs, long linkedPairs, List<RuleCounts> rules, long uSamplePairs,
                           FellegiSunterModel model, List<ComparisonEstimate> comparisons) {
    public MatchSummary {
        rules = List.copyOf(rules);
        Objects.requireNonNull(model, "model");
        comparisons = List.copyOf(comparisons);
    }

    /** λ: the estimated probability that two records drawn at random are the same person. */
    public double lambda() {
        return model.lambda();
    }

    /** A blocking rule as written ({@code [surname-soundex, first_name]}) and the pairs it produced and linked. */
    public record RuleCounts(String rule, long candidatePairs, long linkedPairs) {
        public RuleCounts {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * One comparison's estimates.
     *
     * @param sessions the EM sessions (one per blocking rule not on this field) its m is the mean of;
     *                 0 when every rule blocks on the field and m came from all candidate pairs, or
     *                 when there were no candidate pairs at all
     */
    public record ComparisonEstimate(String field, String method, int sessions, List<LevelEstimate> levels) {
        public ComparisonEstimate {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(method, "method");
            levels = List.copyOf(levels);
        }
    }

    /** One level: m = P(level | match), u = P(level | non-match), and its match weight log2(m / u). */
    public record LevelEstimate(String label, double m, double u) {
        public LevelEstimate {
            Objects.requireNonNull(label, "label");
        }

        public double weight() {
            return Math.log(m / u) / Math.log(2);
        }
    }
}
