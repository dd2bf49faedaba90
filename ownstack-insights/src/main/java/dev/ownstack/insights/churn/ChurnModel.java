package dev.ownstack.insights.churn;

import dev.ownstack.insights.features.FeatureMatrix;
import java.util.List;

/**
 * A trained churn model: the probability that each customer of a feature matrix churns. The
 * matrix must have the features the model was trained on, in the same order. Instances are
 * immutable once trained; {@code predict} may be called from one thread at a time.
 */
public interface ChurnModel {
    /** {@code xgboost}, {@code logistic-regression} or {@code ensemble}. */
    String name();

    List<String> featureNames();

    double[] predict(FeatureMatrix features);
}
