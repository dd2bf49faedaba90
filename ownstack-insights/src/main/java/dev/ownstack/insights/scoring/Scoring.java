package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoresConfig;
import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Trains, evaluates and applies the scoring models of a project's {@code scores:} section, and
 * keeps their versions in {@link ModelStore}. One instance per open warehouse; not thread-safe.
 */
public final class Scoring {
    private final Warehouse warehouse;
    private final ScoresConfig config;
    private final Clock clock;
    private final ModelStore store;

    public Scoring(Warehouse warehouse, ScoresConfig config, Clock clock) {
        this.warehouse = warehouse;
        this.config = config;
        this.clock = clock;
        this.store = new ModelStore(warehouse);
    }

    public ModelStore store() {
        return store;
    }

    /**
     * Trains a new version of the model and stores it. {@code cutoff} moves a churn model's
     * evaluation cut-off (by default the last day + 1 - label days); other kinds refuse it.
     */
    public ScoringReport train(String name, Optional<LocalDate> cutoff) {
        ScoringModel model = config.model(name);
        return named(name, () -> trainModel(model, cutoff));
    }

    private ScoringReport trainModel(ScoringModel model, Optional<LocalDate> cutoff) {
        String name = model.name();
        LocalDateTime now = LocalDateTime.now(clock);
        if (cutoff.isPresent() && !(model instanceof ScoringModel.Churn)) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--cutoff " + cutoff.get() + ": model '" + name + "' is of kind "
                    + model.kind() + ", which has no time split; only churn models take a cut-off");
        }
        if (model instanceof ScoringModel.Churn churn) {
            return ChurnScoring.train(warehouse, churn, cutoff, now, store);
        }
        if (model instanceof ScoringModel.Label label) {
            return LabelScoring.train(warehouse, label, now, store);
        }
        return LifetimeValueScoring.train(warehouse, (ScoringModel.LifetimeValue) model, now, store);
    }

    /** Evaluates a stored version (the latest by default) on the latest held-back period. */
    public ScoringReport evaluate(String name, Optional<Integer> version) {
        ScoringModel model = config.model(name);
        StoredModel stored = stored(model, version);
        return named(name, () -> evaluateModel(model, stored));
    }

    private ScoringReport evaluateModel(ScoringModel model, StoredModel stored) {
        if (model instanceof ScoringModel.Churn churn) {
            return ChurnScoring.evaluate(warehouse, churn, stored);
        }
        if (model instanceof ScoringModel.Label label) {
            return LabelScoring.evaluate(warehouse, label, stored);
        }
        return LifetimeValueScoring.evaluate(warehouse, (ScoringModel.LifetimeValue) model, stored);
    }

    /** Scores every customer with a stored version (the latest by default) and writes the traits. */
    public AppliedScores apply(String name, Optional<Integer> version) {
        ScoringModel model = config.model(name);
        StoredModel stored = stored(model, version);
        return named(name, () -> applyModel(model, stored));
    }

    private AppliedScores applyModel(ScoringModel model, StoredModel stored) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (model instanceof ScoringModel.Churn churn) {
            return ChurnScoring.apply(warehouse, churn.features(), stored, now);
        }
        if (model instanceof ScoringModel.Label label) {
            return ChurnScoring.apply(warehouse, label.features(), stored, now);
        }
        return LifetimeValueScoring.apply(warehouse, stored, now);
    }

    /** Whether the model has a stored version to apply. */
    public boolean isTrained(String name) {
        return store.latest(config.model(name).name()).isPresent();
    }

    /** A problem of the user's data or settings says which model it concerns. */
    private static <T> T named(String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (OwnstackException e) {
            if (e.kind() != ErrorKind.USER || e.getMessage().startsWith("model '")) {
                throw e;
            }
            throw new OwnstackException(e.code(), "model '" + name + "': " + e.getMessage(), e.details(), e);
        }
    }

    private StoredModel stored(ScoringModel model, Optional<Integer> version) {
        StoredModel stored = store.version(model.name(), version);
        if (!stored.kind().equals(model.kind())) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "model '" + model.name() + "' is of kind " + model.kind()
                    + " in ownstack.yml but its version " + stored.version() + " was trained as " + stored.kind()
                    + "; train it again (ownstack score train " + model.name() + ")");
        }
        return stored;
    }
}
