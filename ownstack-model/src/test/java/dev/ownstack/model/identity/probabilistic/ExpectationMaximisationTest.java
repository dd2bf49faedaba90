package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingTerm;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Method;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** EM on synthetic pairs drawn from a model with known λ, m and u. */
class ExpectationMaximisationTest {
    private static final double LAMBDA = 0.2;
    private static final double[][] M = {{0.7, 0.2, 0.1}, {0.9, 0.1}, {0.6, 0.25, 0.1, 0.05}};
    private static final double[][] U = {{0.02, 0.08, 0.9}, {0.1, 0.9}, {0.01, 0.04, 0.15, 0.8}};
    private static final int[] LEVEL_COUNTS = {3, 2, 4};

    @Test
    void recovers_lambda_and_m_from_pairs_drawn_with_known_parameters() {
        Map<Long, Long> counts = draw(new Random(42), 200_000, LAMBDA, 0.1);
        ExpectationMaximisation.Estimate estimate = ExpectationMaximisation.run(keys(counts), values(counts), LEVEL_COUNTS, U,
                new boolean[] {true, true, true});
        assertEquals(LAMBDA, estimate.lambda(), 0.01);
        for (int c = 0; c < M.length; c++) {
            for (int l = 0; l < M[c].length; l++) {
                assertEquals(M[c][l], estimate.m()[c][l], 0.02, "m of comparison " + c + " level " + l);
            }
        }
        assertTrue(estimate.iterations() < ExpectationMaximisation.MAX_ITERATIONS, "converged in " + estimate.iterations());
    }

    @Test
    void leaves_inactive_comparisons_out_and_still_recovers_the_others() {
        Map<Long, Long> counts = draw(new Random(3), 200_000, LAMBDA, 0);
        ExpectationMaximisation.Estimate estimate = ExpectationMaximisation.run(keys(counts), values(counts), LEVEL_COUNTS, U,
                new boolean[] {true, false, true});
        assertNull(estimate.m()[1]);
        assertEquals(LAMBDA, estimate.lambda(), 0.015);
        assertEquals(M[0][0], estimate.m()[0][0], 0.03);
        assertEquals(M[2][0], estimate.m()[2][0], 0.03);
    }

    @Test
    void gives_the_same_estimate_for_the_same_counts() {
        Map<Long, Long> counts = draw(new Random(9), 20_000, LAMBDA, 0.1);
        boolean[] active = {true, true, true};
        ExpectationMaximisation.Estimate first = ExpectationMaximisation.run(keys(counts), values(counts), LEVEL_COUNTS, U, active);
        ExpectationMaximisation.Estimate second = ExpectationMaximisation.run(keys(counts), values(counts), LEVEL_COUNTS, U, active);
        assertEquals(first.lambda(), second.lambda());
        assertArrayEquals(first.m()[2], second.m()[2]);
    }

    @Test
    void estimates_lambda_over_all_pairs_from_the_matches_expected_among_candidates() {
        // 1,000,000 record pairs of which 2,000 match; the candidates hold every match and 18,000 non-matches,
        // spread over two rules on fields that are not compared
        Random random = new Random(11);
        PatternCounts counts = new PatternCounts();
        Map<Long, Long> matches = new TreeMap<>();
        addDrawn(matches, random, 2_000, M, 0);
        Map<Long, Long> nonMatches = new TreeMap<>();
        addDrawn(nonMatches, random, 18_000, U, 0);
        for (Map<Long, Long> drawn : List.of(matches, nonMatches)) {
            drawn.forEach((pattern, count) -> {
                for (long i = 0; i < count; i++) {
                    counts.add(pattern, 1 + random.nextInt(3));
                }
            });
        }
        List<Comparison> comparisons = List.of(new Comparison("a", Method.LEVENSHTEIN, List.of(1.0)),
                new Comparison("b", Method.EXACT, List.of()), new Comparison("c", Method.LEVENSHTEIN, List.of(1.0, 2.0)));
        List<BlockingRule> rules = List.of(new BlockingRule(List.of(BlockingTerm.of("x"))), new BlockingRule(List.of(BlockingTerm.of("y"))));
        ModelTraining.Trained trained = ModelTraining.train(counts.sorted(), comparisons, rules, U, 1_000_000);
        assertEquals(0.002, trained.model().lambda(), 0.0002);
        assertArrayEquals(new int[] {2, 2, 2}, trained.sessions());
    }

    @Test
    void estimates_each_comparison_in_the_sessions_of_rules_that_do_not_block_on_it() {
        Map<Long, Long> drawn = draw(new Random(5), 50_000, 0.3, 0);
        PatternCounts counts = new PatternCounts();
        int pair = 0;
        for (Map.Entry<Long, Long> entry : drawn.entrySet()) {
            for (long i = 0; i < entry.getValue(); i++) {
                counts.add(entry.getKey(), pair++ % 2 == 0 ? 0b01 : 0b11);
            }
        }
        List<Comparison> comparisons = List.of(new Comparison("a", Method.JARO_WINKLER, List.of(0.9)),
                new Comparison("b", Method.EXACT, List.of()), new Comparison("c", Method.LEVENSHTEIN, List.of(1.0, 2.0)));
        List<BlockingRule> rules = List.of(new BlockingRule(List.of(BlockingTerm.of("a"))),
                new BlockingRule(List.of(BlockingTerm.of("a"), BlockingTerm.of("b"))));
        ModelTraining.Trained trained = ModelTraining.train(counts.sorted(), comparisons, rules, U, 10_000_000);
        assertArrayEquals(new int[] {0, 1, 2}, trained.sessions());
        assertEquals(M[0][0], trained.model().m(0, 0), 0.03, "m of a comes from a session over all candidates");
        assertEquals(M[2][0], trained.model().m(2, 0), 0.03);
    }

    /** Pairs per packed pattern; a share of comparison 1's levels is missing. */
    private static Map<Long, Long> draw(Random random, int pairs, double lambda, double missing) {
        Map<Long, Long> counts = new TreeMap<>();
        addDrawn(counts, random, (int) Math.round(pairs * lambda), M, missing);
        addDrawn(counts, random, pairs - (int) Math.round(pairs * lambda), U, missing);
        return counts;
    }

    private static void addDrawn(Map<Long, Long> counts, Random random, int pairs, double[][] probabilities, double missing) {
        int[] levels = new int[probabilities.length];
        for (int i = 0; i < pairs; i++) {
            for (int c = 0; c < probabilities.length; c++) {
                levels[c] = c == 1 && random.nextDouble() < missing ? ComparisonLevels.NULL : sample(random, probabilities[c]);
            }
            counts.merge(PatternCounts.pattern(levels), 1L, Long::sum);
        }
    }

    private static int sample(Random random, double[] probabilities) {
        double draw = random.nextDouble();
        for (int l = 0; l < probabilities.length - 1; l++) {
            draw -= probabilities[l];
            if (draw < 0) {
                return l;
            }
        }
        return probabilities.length - 1;
    }

    private static long[] keys(Map<Long, Long> counts) {
        return counts.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] values(Map<Long, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).toArray();
    }
}
