package dev.ownstack.insights.scoring;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluations as the plain text {@code ownstack score train} and {@code evaluate} print, from the metrics a model stores. */
public final class ScoringText {
    private ScoringText() {
    }

    static String classifier(StoredModel model, Map<String, Object> metrics, String positive) {
        StringBuilder text = new StringBuilder(header(model));
        set(text, "train", metrics.get("train"), positive);
        set(text, "evaluate", metrics.get("evaluation"), positive);
        validation(text, metrics.get("validation"));
        text.append(String.format(Locale.ROOT, "  %-20s %7s %13s %10s%n", "ranking", "AUC", "precision@10%", "recall@10%"));
        for (Map.Entry<String, Object> ranking : map(metrics.get("rankings")).entrySet()) {
            Map<String, Object> values = map(ranking.getValue());
            text.append(String.format(Locale.ROOT, "  %-20s %7.3f %13.3f %10.3f%n", ranking.getKey().replace('_', ' '),
                    number(values.get("auc")), number(values.get("precision_top_decile")), number(values.get("recall_top_decile"))));
        }
        String calibrated = String.valueOf(metrics.getOrDefault("calibrated", "xgboost"));
        String title = "calibration (" + calibrated + "):";
        text.append(String.format(Locale.ROOT, "  %s %6s %9s %9s %9s%n", title, "decile", "customers", "predicted", "observed"));
        for (Object bin : (List<?>) metrics.get("calibration")) {
            Map<String, Object> values = map(bin);
            text.append(String.format(Locale.ROOT, "  %" + title.length() + "s %6d %9d %9.3f %9.3f%n", "", (int) number(values.get("decile")),
                    (int) number(values.get("customers")), number(values.get("predicted")), number(values.get("observed"))));
        }
        if (metrics.containsKey("importance")) {
            text.append("  top features (xgboost, total gain):");
            map(metrics.get("importance")).keySet().forEach(name -> text.append(' ').append(name));
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    static String lifetimeValue(StoredModel model, Map<String, Object> metrics) {
        StringBuilder text = new StringBuilder(header(model));
        Map<String, Object> holdout = map(metrics.get("holdout"));
        text.append(String.format(Locale.ROOT, "  hold-out: fitted on purchases to %s, %d customers; purchases %s .. %s: actual %.0f,"
                        + " predicted %.1f (%+.1f%%)%n", holdout.get("calibration_end"), (int) number(holdout.get("customers")),
                holdout.get("calibration_end"), holdout.get("holdout_end"), number(holdout.get("actual_purchases")),
                number(holdout.get("predicted_purchases")), 100 * number(holdout.get("relative_error"))));
        text.append(String.format(Locale.ROOT, "  %-24s %9s %12s %15s%n", "repeat purchases before", "customers", "actual mean",
                "predicted mean"));
        for (Object group : (List<?>) holdout.get("groups")) {
            Map<String, Object> values = map(group);
            text.append(String.format(Locale.ROOT, "  %-24s %9d %12.3f %15.3f%n", values.get("frequency"), (int) number(values.get("customers")),
                    number(values.get("actual_mean")), number(values.get("predicted_mean"))));
        }
        if (metrics.containsKey("fit")) {
            Map<String, Object> fit = map(metrics.get("fit"));
            text.append(String.format(Locale.ROOT, "  stored fit (purchases to %s, %d customers): BG/NBD r %.4g, alpha %.4g, a %.4g, b %.4g;"
                            + " Gamma-Gamma p %.4g, q %.4g, gamma %.4g%n", fit.get("as_of"), (int) number(fit.get("customers")),
                    number(fit.get("r")), number(fit.get("alpha")), number(fit.get("a")), number(fit.get("b")), number(fit.get("p")),
                    number(fit.get("q")), number(fit.get("gamma"))));
        }
        return text.toString();
    }

    private static void validation(StringBuilder text, Object validation) {
        if (validation == null) {
            return;
        }
        Map<String, Object> values = map(validation);
        text.append(String.format(Locale.ROOT, "  validate: trained to %s, ranked at %s: ", values.get("train_cutoff"), values.get("cutoff")));
        if (values.containsKey("auc")) {
            text.append("AUC");
            map(values.get("auc")).forEach((name, auc) -> text.append(String.format(Locale.ROOT, " %s %.3f", name.replace('_', ' '), number(auc))));
        } else {
            text.append(values.get("reason"));
        }
        text.append(String.format(Locale.ROOT, "; writes the %s probability%n", values.get("chosen")));
    }

    private static String header(StoredModel model) {
        return String.format(Locale.ROOT, "model %s (%s), version %d, trained %s%n", model.model(), model.kind(), model.version(),
                model.trainedAt().withNano(0));
    }

    private static void set(StringBuilder text, String what, Object set, String positive) {
        if (set == null) {
            return;
        }
        Map<String, Object> values = map(set);
        text.append(String.format(Locale.ROOT, "  %-8s cut-off %s: %d customers, %s rate %.3f%n", what + ":", values.get("cutoff"),
                (int) number(values.get("customers")), positive, number(values.get("positive_rate"))));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** A number of the metrics; JSON keeps NaN as the text "NaN". */
    static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
