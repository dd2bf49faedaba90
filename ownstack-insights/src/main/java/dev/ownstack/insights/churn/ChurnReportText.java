package dev.ownstack.insights.churn;

import java.util.Locale;
import java.util.Map;

/** A churn report as plain text: the four rankings side by side, the ensemble's calibration and the trees' top features. */
public final class ChurnReportText {
    private static final int TOP_FEATURES = 10;

    private ChurnReportText() {
    }

    public static String format(ChurnReport report) {
        StringBuilder text = new StringBuilder();
        ChurnSplit split = report.split();
        text.append(String.format(Locale.ROOT, "train: cut-off %s, %d-day label, %d rows (a customer at each cut-off), churn rate %.3f%n",
                split.trainCutoff(), split.labelDays(), report.trainCustomers(), report.trainChurnRate()));
        Evaluation held = report.ensembleEvaluation();
        text.append(String.format(Locale.ROOT, "evaluate: cut-off %s, %d-day label, %d customers, churn rate %.3f%n",
                split.evaluationCutoff(), split.labelDays(), held.customers(), held.churnRate()));
        text.append(String.format(Locale.ROOT, "%-20s %7s %12s %12s%n", "model", "AUC", "precision@10", "recall@10"));
        row(text, "ensemble", report.ensembleEvaluation());
        row(text, "xgboost", report.treesEvaluation());
        row(text, "logistic-regression", report.logisticEvaluation());
        row(text, "recency only", report.recencyEvaluation());
        text.append(String.format(Locale.ROOT, "calibration (ensemble): %-6s %9s %9s %9s%n", "decile", "customers", "predicted", "observed"));
        for (CalibrationBin bin : report.ensembleEvaluation().calibration()) {
            text.append(String.format(Locale.ROOT, "                        %-6d %9d %9.3f %9.3f%n", bin.decile(), bin.customers(),
                    bin.meanPredicted(), bin.observedRate()));
        }
        text.append("feature importance (xgboost, total gain):").append(System.lineSeparator());
        int shown = 0;
        for (Map.Entry<String, Double> entry : report.importance().entrySet()) {
            if (shown++ == TOP_FEATURES) {
                break;
            }
            text.append(String.format(Locale.ROOT, "  %-28s %12.1f%n", entry.getKey(), entry.getValue()));
        }
        return text.toString();
    }

    private static void row(StringBuilder text, String name, Evaluation evaluation) {
        text.append(String.format(Locale.ROOT, "%-20s %7.3f %12.3f %12.3f%n", name, evaluation.auc(), evaluation.precisionTopDecile(),
                evaluation.recallTopDecile()));
    }
}
