package dev.ownstack.insights.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both models on generated customers whose churn follows their recency, plus noise. */
class ChurnModelsTest {
    private static final List<String> FEATURES = List.of("recency_days", "noise", "gap_or_missing");

    static LabelledSet generated(long seed, int customers) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        boolean[] churned = new boolean[customers];
        for (int i = 0; i < customers; i++) {
            double recency = random.nextDouble() * 300;
            ids.add("c" + i);
            rows.add(new double[] {recency, random.nextGaussian(), random.nextBoolean() ? Double.NaN : random.nextDouble()});
            churned[i] = (recency > 150) != (random.nextDouble() < 0.1);
        }
        return new LabelledSet(new FeatureMatrix(LocalDateTime.parse("2024-01-01T00:00:00"), FEATURES, ids, rows), churned, 90);
    }

    @Test
    void gradient_boosted_trees_learn_the_signal_and_name_it_most_important() {
        LabelledSet train = generated(1, 2000);
        LabelledSet test = generated(2, 1000);

        GradientBoostedTrees trees = GradientBoostedTrees.train(train, GradientBoostedTrees.Settings.defaults());
        double[] probabilities = trees.predict(test.features());

        assertTrue(Evaluations.evaluate(probabilities, test.churned(), true).auc() > 0.85);
        for (double probability : probabilities) {
            assertTrue(probability >= 0 && probability <= 1, "probability " + probability);
        }
        Map<String, Double> importance = trees.importance();
        assertEquals(FEATURES.size(), importance.size());
        assertEquals("recency_days", importance.keySet().iterator().next());
    }

    @Test
    void the_logistic_baseline_learns_the_signal_despite_missing_values() {
        LabelledSet test = generated(2, 1000);

        LogisticBaseline logistic = LogisticBaseline.train(generated(1, 2000));

        assertTrue(Evaluations.evaluate(logistic.predict(test.features()), test.churned(), true).auc() > 0.85);
    }

    @Test
    void refuses_to_score_features_other_than_those_trained_on() {
        GradientBoostedTrees trees = GradientBoostedTrees.train(generated(1, 200), GradientBoostedTrees.Settings.defaults());
        FeatureMatrix other = new FeatureMatrix(LocalDateTime.parse("2024-02-01T00:00:00"), List.of("recency_days"), List.of("x"),
                List.of(new double[] {3}));

        OwnstackException error = assertThrows(OwnstackException.class, () -> trees.predict(other));

        assertEquals(ErrorCode.ARGUMENT_INVALID, error.code());
        assertEquals("the xgboost model was trained on features [recency_days, noise, gap_or_missing] but is given [recency_days]"
                + " (as of 2024-02-01T00:00)", error.getMessage());
    }

    @Test
    void refuses_to_train_when_nobody_or_everybody_churned() {
        FeatureMatrix features = new FeatureMatrix(LocalDateTime.parse("2024-01-01T00:00:00"), List.of("recency_days"),
                List.of("a", "b"), List.of(new double[] {1}, new double[] {2}));
        LabelledSet stayed = new LabelledSet(features, new boolean[] {false, false}, 30);

        OwnstackException error = assertThrows(OwnstackException.class, () -> LogisticBaseline.train(stayed));

        assertEquals("cannot train on 2 customers of whom 0 churned (cut-off 2024-01-01T00:00, 30-day label): both classes are needed",
                error.getMessage());
    }

    @Test
    void a_split_keeps_the_evaluation_period_out_of_the_training_label() {
        OwnstackException error = assertThrows(OwnstackException.class, () -> new ChurnSplit(LocalDateTime.parse("2011-06-01T00:00:00"),
                LocalDateTime.parse("2011-08-01T00:00:00"), 90));

        assertEquals("churn.evaluation-cutoff: 2011-08-01T00:00 is inside the training label window (2011-06-01T00:00 plus 90 days);"
                + " it must be on or after 2011-08-30T00:00", error.getMessage());
    }
}
