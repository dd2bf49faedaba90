package dev.ownstack.model.identity.probabilistic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.table.TableName;
import dev.ownstack.model.identity.evaluate.PairwiseScores;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The accuracy promise of probabilistic matching on public data with ground truth: pairwise F1 of
 * the connected components of the linked pairs against the true clusters.
 */
class ProbabilisticAccuracyTest {
    static final TableName OUTPUT = new TableName("identity", "match_pairs");

    static final String FAKE_1000 = """
            probabilistic:
              threshold: 0.9
              blocking:
                - [dob]
                - [email]
                - [surname-soundex]
                - [first_name-soundex]
                - [city, dob-first-4]
              comparisons:
                first_name: {method: jaro-winkler, levels: [0.92, 0.8]}
                surname: {method: jaro-winkler, levels: [0.92, 0.8]}
                dob: {method: levenshtein, levels: [1, 2]}
                city: {method: jaro-winkler, levels: [0.9]}
                email: {method: levenshtein, levels: [1, 3]}
            """;

    static final String FEBRL = """
            probabilistic:
              threshold: 0.9
              blocking:
                - [given_name-first-2, surname-soundex]
                - [date_of_birth]
                - [soc_sec_id]
                - [postcode, street_number]
              comparisons:
                given_name: {method: jaro-winkler, levels: [0.92, 0.8]}
                surname: {method: jaro-winkler, levels: [0.92, 0.8]}
                street_number: exact
                address_1: {method: jaro-winkler, levels: [0.92, 0.8]}
                suburb: {method: jaro-winkler, levels: [0.92, 0.8]}
                postcode: {method: levenshtein, levels: [1]}
                state: exact
                date_of_birth: {method: levenshtein, levels: [1, 2]}
                soc_sec_id: {method: levenshtein, levels: [1, 2]}
            """;

    @Test
    void links_fake_1000_with_pairwise_f1_of_at_least_0_90() {
        PairwiseScores scores = evaluate(LabelledData.fake1000(), FAKE_1000);
        assertTrue(scores.f1() >= 0.90, "F1 " + scores.f1());
    }

    @Test
    void links_febrl_dataset1_with_pairwise_f1_of_at_least_0_95() {
        PairwiseScores scores = evaluate(LabelledData.febrl("dataset1.csv"), FEBRL);
        assertTrue(scores.f1() >= 0.95, "F1 " + scores.f1());
    }

    @Test
    void links_febrl_dataset2_with_pairwise_f1_of_at_least_0_95() {
        PairwiseScores scores = evaluate(LabelledData.febrl("dataset2.csv"), FEBRL);
        assertTrue(scores.f1() >= 0.95, "F1 " + scores.f1());
    }

    static PairwiseScores evaluate(LabelledData data, String yaml) {
        ProbabilisticConfig config = TestConfigs.probabilistic(yaml, data.fields());
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            data.load(warehouse);
            long start = System.nanoTime();
            MatchSummary summary = new ProbabilisticMatcher(config).match(warehouse, LabelledData.INPUT, OUTPUT);
            double seconds = (System.nanoTime() - start) / 1e9;
            PairwiseScores scores = PairwiseScores.of(data.clusters(warehouse, OUTPUT), data.truth());
            System.out.printf(Locale.ROOT, "%s: %d records, %d candidate pairs, %d linked, lambda %.6f; precision %.4f recall %.4f F1 %.4f"
                            + " (record pairs: %d predicted, %d true, %d both); clusters %d predicted, %d true; %.2f s%n", data.name(),
                    summary.records(), summary.candidatePairs(), summary.linkedPairs(), summary.lambda(), scores.precision(), scores.recall(),
                    scores.f1(), scores.predictedPairs(), scores.truePairs(), scores.correctPairs(), scores.predictedClusters(),
                    scores.trueClusters(), seconds);
            for (MatchSummary.ComparisonEstimate comparison : summary.comparisons()) {
                StringBuilder line = new StringBuilder("  " + comparison.field() + " (" + comparison.sessions() + " sessions):");
                for (MatchSummary.LevelEstimate level : comparison.levels()) {
                    line.append(String.format(Locale.ROOT, " [%s m=%.4f u=%.5f w=%.2f]", level.label(), level.m(), level.u(), level.weight()));
                }
                System.out.println(line);
            }
            return scores;
        }
    }
}
