package dev.ownstack.insights.scoring;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One trained version of a scoring model, as {@link ModelStore} keeps it.
 *
 * @param model            the model's name under {@code scores:}
 * @param version          1, 2, 3, ... per model
 * @param kind             {@code churn}, {@code label} or {@code lifetime-value}
 * @param trainedAt        when it was trained (UTC)
 * @param trainCutoff      churn: the training cut-off; label: the features' cut-off; lifetime value: the end of the
 *                         fitting period (exclusive)
 * @param evaluationCutoff churn: the cut-off of the held-back period; label: the features' cut-off; lifetime value:
 *                         the start of the hold-out period
 * @param labelDays        churn: the label window; label: 0; lifetime value: the horizon
 * @param metrics          the evaluation, JSON
 * @param features         the features the model takes, in order (none for lifetime value)
 * @param settings         the settings it was trained with, JSON
 * @param payload          the model itself: XGBoost's bytes, or the fitted parameters as JSON text
 */
public record StoredModel(String model, int version, String kind, LocalDateTime trainedAt, LocalDateTime trainCutoff,
                          LocalDateTime evaluationCutoff, int labelDays, String metrics, List<String> features, String settings,
                          byte[] payload) {
    public StoredModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(trainCutoff, "trainCutoff");
        Objects.requireNonNull(evaluationCutoff, "evaluationCutoff");
        Objects.requireNonNull(metrics, "metrics");
        features = List.copyOf(features);
        Objects.requireNonNull(settings, "settings");
        payload = payload.clone();
        if (version < 0) {
            throw new OwnstackException(ErrorCode.INTERNAL, "model " + model + ": version " + version);
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** This model as a new version: the store numbers it. */
    StoredModel withVersion(int newVersion) {
        return new StoredModel(model, newVersion, kind, trainedAt, trainCutoff, evaluationCutoff, labelDays, metrics, features, settings,
                payload);
    }
}
