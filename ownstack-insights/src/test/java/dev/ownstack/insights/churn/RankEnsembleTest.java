package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.OwnstackException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The rank ensemble on the generated customers of {@link ChurnModelsTest}. */
class RankEnsembleTest {
    private static final LabelledSet TRAIN = ChurnModelsTest.generated(1, 2000);
    private static final LabelledSet TEST = ChurnModelsTest.generated(2, 1000);

    @Test
    void blends_both_models_into_a_probability_that_ranks_churners_and_matches_the_training_churn_rate() {
        RankEnsemble ensemble = RankEnsemble.train(TRAIN, GradientBoostedTrees.Settings.defaults());

        RankEnsemble.Scores scores = ensemble.scores(TEST.features());
        assertTrue(Evaluations.evaluate(scores.ensemble(), TEST.churned(), true).auc() > 0.85);
        for (double probability : scores.ensemble()) {
            assertTrue(probability > 0 && probability < 1, "probability " + probability);
        }
        assertArrayEquals(ensemble.trees().predict(TEST.features()), scores.trees());
        assertArrayEquals(ensemble.logistic().predict(TEST.features()), scores.logistic());
        double meanOnTraining = Arrays.stream(ensemble.predict(TRAIN.features())).average().orElseThrow();
        assertEquals(TRAIN.churnRate(), meanOnTraining, 0.01);
    }

    @Test
    void the_probability_follows_the_mean_of_the_two_percentiles() {
        RankEnsemble ensemble = RankEnsemble.train(TRAIN, GradientBoostedTrees.Settings.defaults());
        double[] trees = ensemble.trees().predict(TRAIN.features());
        double[] logistic = ensemble.logistic().predict(TRAIN.features());
        Quantiles treesQuantiles = Quantiles.of(trees, Quantiles.POINTS);
        Quantiles logisticQuantiles = Quantiles.of(logistic, Quantiles.POINTS);
        double[] mean = IntStream.range(0, trees.length)
                .mapToDouble(i -> (treesQuantiles.percentile(trees[i]) + logisticQuantiles.percentile(logistic[i])) / 2).toArray();

        double[] probabilities = ensemble.predict(TRAIN.features());

        Integer[] byMean = IntStream.range(0, mean.length).boxed().sorted(Comparator.comparingDouble(i -> mean[i])).toArray(Integer[]::new);
        for (int k = 1; k < byMean.length; k++) {
            int previous = byMean[k - 1];
            int current = byMean[k];
            assertTrue(mean[previous] == mean[current] ? probabilities[previous] == probabilities[current]
                    : probabilities[previous] < probabilities[current], "rank " + k);
            assertEquals(ensemble.calibration().probability(mean[current]), probabilities[current], 1e-15);
        }
    }

    @Test
    void a_saved_ensemble_predicts_exactly_as_trained() {
        RankEnsemble ensemble = RankEnsemble.train(TRAIN, GradientBoostedTrees.Settings.defaults());

        RankEnsemble loaded = RankEnsemble.load(ensemble.toBytes(), ensemble.featureNames());

        assertArrayEquals(ensemble.predict(TEST.features()), loaded.predict(TEST.features()));
        assertArrayEquals(ensemble.logistic().predict(TEST.features()), loaded.logistic().predict(TEST.features()));
        assertEquals(ensemble.calibration(), loaded.calibration());
    }

    @Test
    void a_saved_logistic_baseline_predicts_exactly_as_trained() {
        LogisticBaseline logistic = LogisticBaseline.train(TRAIN);

        LogisticBaseline loaded = LogisticBaseline.load(logistic.toBytes(), logistic.featureNames());

        assertArrayEquals(logistic.predict(TEST.features()), loaded.predict(TEST.features()));
    }

    @Test
    void refuses_a_payload_of_another_format() {
        byte[] other = "{\"format\":\"rank-ensemble-9\"}".getBytes(StandardCharsets.UTF_8);

        OwnstackException error = assertThrows(OwnstackException.class, () -> RankEnsemble.load(other, TRAIN.features().featureNames()));

        assertEquals("a stored ensemble has format 'rank-ensemble-9'; this version reads rank-ensemble-1", error.getMessage());
    }
}
