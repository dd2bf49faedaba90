package dev.ownstack.core.config.scores;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code scores:} section: the project's scoring models by name, in file order. */
public record ScoresConfig(Map<String, ScoringModel> models) {
    public static final ScoresConfig NONE = new ScoresConfig(Map.of());

    public ScoresConfig {
        for (Map.Entry<String, ScoringModel> entry : models.entrySet()) {
            if (!entry.getKey().equals(entry.getValue().name())) {
                throw new IllegalArgumentException("scores." + entry.getKey() + ": holds model '" + entry.getValue().name() + "'");
            }
        }
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** The model of that name; NOT_FOUND naming the configured ones. */
    public ScoringModel model(String name) {
        ScoringModel model = models.get(name);
        if (model == null) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no scoring model '" + name + "' in the scores: section of ownstack.yml"
                    + (models.isEmpty() ? " (it has none; docs/INSIGHTS.md shows how to add one)" : " (models: "
                    + String.join(", ", models.keySet()) + ")"));
        }
        return model;
    }
}
