package dev.ownstack.insights.churn;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.insights.features.FeatureMatrix;
import java.util.List;

final class FeatureCheck {
    private FeatureCheck() {
    }

    static void sameFeatures(String model, List<String> trained, FeatureMatrix features) {
        if (!trained.equals(features.featureNames())) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "the " + model + " model was trained on features " + trained
                    + " but is given " + features.featureNames() + " (as of " + features.cutoff() + ")");
        }
    }

    static void bothClasses(LabelledSet set) {
        int churned = set.churnedCount();
        if (churned == 0 || churned == set.size()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "cannot train on " + set.size() + " customers of whom " + churned
                    + " churned (cut-off " + set.features().cutoff() + ", " + set.labelDays() + "-day label): both classes are needed");
        }
    }
}
