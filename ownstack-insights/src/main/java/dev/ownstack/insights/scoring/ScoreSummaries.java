package dev.ownstack.insights.scoring;

import java.util.Locale;
import java.util.Map;

/** One-line descriptions of a stored version, for listings. */
public final class ScoreSummaries {
    private ScoreSummaries() {
    }

    /** The training window: cut-offs and label window, or the fitting period and horizon. */
    public static String window(StoredModel model) {
        switch (model.kind()) {
            case "churn":
                return String.format(Locale.ROOT, "train %s, evaluate %s, %d-day label", model.trainCutoff().toLocalDate(),
                        model.evaluationCutoff().toLocalDate(), model.labelDays());
            case "label":
                return "features before " + model.trainCutoff().toLocalDate() + ", a fifth of customers held back";
            default:
                return String.format(Locale.ROOT, "purchases before %s, %d-day horizon (hold-out from %s)", model.trainCutoff().toLocalDate(),
                        model.labelDays(), model.evaluationCutoff().toLocalDate());
        }
    }

    /** AUC of every ranking stored, or the hold-out error of lifetime value. */
    public static String keyMetrics(StoredModel model) {
        Map<String, Object> metrics = ModelStore.map(model.metrics());
        if (metrics.containsKey("rankings")) {
            StringBuilder text = new StringBuilder("AUC");
            for (Map.Entry<String, Object> ranking : ScoringText.map(metrics.get("rankings")).entrySet()) {
                text.append(String.format(Locale.ROOT, " %s %.3f", ranking.getKey().replace("logistic_regression", "lr")
                        .replace("recency_only", "recency"), ScoringText.number(ScoringText.map(ranking.getValue()).get("auc"))));
            }
            return text.toString();
        }
        if (metrics.containsKey("holdout")) {
            Map<String, Object> holdout = ScoringText.map(metrics.get("holdout"));
            return String.format(Locale.ROOT, "hold-out purchases actual %.0f, predicted %.1f", ScoringText.number(holdout.get("actual_purchases")),
                    ScoringText.number(holdout.get("predicted_purchases")));
        }
        return "";
    }
}
