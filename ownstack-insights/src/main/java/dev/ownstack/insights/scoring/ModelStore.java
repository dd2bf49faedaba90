package dev.ownstack.insights.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trained versions of every scoring model, in the warehouse's {@code ownstack.score_models}:
 * one row per model and version, with its training window, evaluation (JSON), feature list
 * (JSON), settings (JSON) and the model itself (base64 text, so the same column type works on
 * every engine). Versions are never changed or removed; {@link #save} adds the next one.
 */
public final class ModelStore {
    public static final TableName TABLE = new TableName(TableName.OWNSTACK_SCHEMA, "score_models");
    private static final List<Column> LAYOUT = List.of(new Column("model", ColumnType.STRING), new Column("version", ColumnType.BIGINT),
            new Column("kind", ColumnType.STRING), new Column("trained_at", ColumnType.TIMESTAMP),
            new Column("train_cutoff", ColumnType.TIMESTAMP), new Column("evaluation_cutoff", ColumnType.TIMESTAMP),
            new Column("label_days", ColumnType.BIGINT), new Column("metrics", ColumnType.STRING),
            new Column("features", ColumnType.STRING), new Column("settings", ColumnType.STRING),
            new Column("payload", ColumnType.STRING));
    private static final String SELECT = "SELECT model, version, kind, trained_at, train_cutoff, evaluation_cutoff, label_days, metrics,"
            + " features, settings, payload FROM ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;

    public ModelStore(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** Stores the model as the next version of its name (1 for the first); returns it with that version. */
    public StoredModel save(StoredModel model) {
        ensure();
        return warehouse.inTransaction(transaction -> {
            Object max = transaction.queryAll("SELECT max(version) FROM " + transaction.dialect().table(TABLE) + " WHERE model = ?",
                    model.model()).singleValue();
            StoredModel numbered = model.withVersion(max == null ? 1 : ((Number) max).intValue() + 1);
            try (RowWriter writer = transaction.append(TABLE, LAYOUT.stream().map(Column::name).toList())) {
                writer.write(new Object[] {numbered.model(), (long) numbered.version(), numbered.kind(), numbered.trainedAt(),
                        numbered.trainCutoff(), numbered.evaluationCutoff(), (long) numbered.labelDays(), numbered.metrics(),
                        json(numbered.features()), numbered.settings(), Base64.getEncoder().encodeToString(numbered.payload())});
            }
            return numbered;
        });
    }

    /** The latest version of a model, if it has been trained. */
    public Optional<StoredModel> latest(String model) {
        List<StoredModel> found = read(" WHERE model = ? ORDER BY version DESC", model);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** One version of a model; NOT_FOUND naming the versions there are. */
    public StoredModel get(String model, int version) {
        List<StoredModel> versions = read(" WHERE model = ? ORDER BY version", model);
        return versions.stream().filter(stored -> stored.version() == version).findFirst().orElseThrow(() ->
                new OwnstackException(ErrorCode.NOT_FOUND, "model '" + model + "' has no version " + version + (versions.isEmpty()
                        ? "; it has not been trained (ownstack score train " + model + ")"
                        : " (versions: " + versions.stream().map(v -> String.valueOf(v.version())).toList() + ")")));
    }

    /** The latest version, or the given one; a clear error when the model was never trained. */
    public StoredModel version(String model, Optional<Integer> version) {
        if (version.isPresent()) {
            return get(model, version.get());
        }
        return latest(model).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND, "model '" + model
                + "' has not been trained yet: run ownstack score train " + model));
    }

    /** Every version of every model, by model name then version. */
    public List<StoredModel> all() {
        return read(" ORDER BY model, version");
    }

    /** The version of each model whose scores are in {@code model.customer_scores} now. */
    public Map<String, Integer> applied() {
        Map<String, Integer> applied = new LinkedHashMap<>();
        TableName columns = dev.ownstack.insights.scores.CustomerScores.COLUMNS;
        if (warehouse.describe(columns).isEmpty()) {
            return applied;
        }
        for (Object[] row : warehouse.queryAll("SELECT DISTINCT model, version FROM " + warehouse.dialect().table(columns)).rows()) {
            try {
                applied.put((String) row[0], Integer.parseInt((String) row[1]));
            } catch (NumberFormatException e) {
                // scores written outside the model store carry versions of their own; they are not a stored version
                continue;
            }
        }
        return applied;
    }

    private void ensure() {
        warehouse.ensureTable(TABLE, LAYOUT, List.of("model", "version"));
    }

    private List<StoredModel> read(String where, Object... parameters) {
        if (warehouse.describe(TABLE).isEmpty()) {
            return List.of();
        }
        List<StoredModel> models = new ArrayList<>();
        for (Object[] row : warehouse.queryAll(SELECT + warehouse.dialect().table(TABLE) + where, parameters).rows()) {
            models.add(new StoredModel((String) row[0], ((Number) row[1]).intValue(), (String) row[2], time(row[3]), time(row[4]),
                    time(row[5]), ((Number) row[6]).intValue(), (String) row[7], features((String) row[8]), (String) row[9],
                    Base64.getDecoder().decode((String) row[10])));
        }
        return models;
    }

    private static LocalDateTime time(Object value) {
        return value instanceof OffsetDateTime at ? at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : (LocalDateTime) value;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored model holds invalid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> features(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored model holds an invalid feature list: " + e.getMessage(), e);
        }
    }
}
