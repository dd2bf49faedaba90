package dev.ownstack.insights.churn;

import java.util.List;

/**
 * How well a score ranks churners on a labelled set.
 *
 * @param auc the area under the ROC curve (ties count half)
 * @param precisionTopDecile the share of churners among the top 10% of scores
 * @param recallTopDecile the share of all churners that are in the top 10%
 * @param churnRate the share of churners overall (the precision of a random pick)
 * @param calibration deciles of the score, 1 (lowest) to 10 (highest); empty for a score that is not a probability
 */
public record Evaluation(int customers, double churnRate, double auc, double precisionTopDecile, double recallTopDecile,
                         List<CalibrationBin> calibration) {
    public Evaluation {
        calibration = List.copyOf(calibration);
    }
}
