package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LogisticBaseline;
import dev.ownstack.insights.features.CustomerFeatures;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A model of any binary label column of a customer-level table, learnt from the customer
 * features as of the day after the latest transaction. A static label has no time to split on,
 * so about a fifth of the customers (those whose id's CRC-32 is divisible by 5) is held back for
 * evaluation, the same customers every time. The features must not be derived from the label.
 */
final class LabelScoring {
    private static final int HELD_BACK_EVERY = 5;
    private static final Set<ColumnType> LABEL_TYPES = Set.of(ColumnType.BOOLEAN, ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.DECIMAL);
    /** {@link LabelledSet} counts a label window; a static label has none. */
    private static final int NO_WINDOW = 1;

    private LabelScoring() {
    }

    static ScoringReport train(Warehouse warehouse, ScoringModel.Label config, LocalDateTime now, ModelStore store) {
        FeatureSpec spec = Classifiers.spec(config.features());
        LocalDateTime cutoff = TransactionDays.lastDay(warehouse, spec.transactions(), config.name()).plusDays(1).atStartOfDay();
        FeatureMatrix features = CustomerFeatures.compute(warehouse, spec, cutoff);
        Map<String, Boolean> labels = labels(warehouse, config);
        LabelledSet train = subset(features, labels, false);
        LabelledSet held = subset(features, labels, true);
        Classifiers.requireBothClasses(config.name(), "training part (customers with an order and a label, not held back)", train,
                "have the label");
        Classifiers.requireBothClasses(config.name(), "held-back part (about a fifth of the customers)", held, "have the label");
        GradientBoostedTrees trees = GradientBoostedTrees.train(train, Classifiers.TREES);
        LogisticBaseline logistic = LogisticBaseline.train(train);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("train", Classifiers.set(cutoff, train));
        metrics.put("evaluation", Classifiers.set(cutoff, held));
        metrics.putAll(Classifiers.rankings(null, trees.predict(held.features()), logistic.predict(held.features()), held,
                Classifiers.XGBOOST));
        metrics.put("importance", Classifiers.importance(trees));
        Map<String, Object> settings = Classifiers.settings(Classifiers.XGBOOST, false, config.features(), 0);
        settings.put("table", config.table().toString());
        settings.put("label", config.labelColumn());
        settings.put("customer_id", config.customerIdColumn());
        StoredModel stored = store.save(new StoredModel(config.name(), 0, config.kind(), now, cutoff, cutoff, 0, ModelStore.json(metrics),
                trees.featureNames(), ModelStore.json(settings), trees.toBytes()));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, config.labelColumn()));
    }

    /** The stored model on today's features and labels of the held-back customers. */
    static ScoringReport evaluate(Warehouse warehouse, ScoringModel.Label config, StoredModel stored) {
        FeatureSpec spec = Classifiers.spec(config.features());
        LocalDateTime cutoff = TransactionDays.lastDay(warehouse, spec.transactions(), config.name()).plusDays(1).atStartOfDay();
        FeatureMatrix features = Classifiers.align(CustomerFeatures.compute(warehouse, spec, cutoff), stored.features());
        LabelledSet held = subset(features, labels(warehouse, config), true);
        Classifiers.requireBothClasses(config.name(), "held-back part (about a fifth of the customers)", held, "have the label");
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("evaluation", Classifiers.set(cutoff, held));
        metrics.putAll(Classifiers.rankings(stored, held));
        return new ScoringReport(stored, ScoringText.classifier(stored, metrics, config.labelColumn()));
    }

    /** Whether a customer is held back for evaluation: the same answer for the same id, every time. */
    static boolean heldBack(String customerId) {
        CRC32 crc = new CRC32();
        crc.update(customerId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % HELD_BACK_EVERY == 0;
    }

    private static LabelledSet subset(FeatureMatrix features, Map<String, Boolean> labels, boolean held) {
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Boolean> values = new ArrayList<>();
        for (int row = 0; row < features.size(); row++) {
            String id = features.customerIds().get(row);
            Boolean label = labels.get(id);
            if (label != null && heldBack(id) == held) {
                ids.add(id);
                rows.add(features.rows().get(row));
                values.add(label);
            }
        }
        boolean[] positive = new boolean[values.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = values.get(i);
        }
        return new LabelledSet(new FeatureMatrix(features.cutoff(), features.featureNames(), ids, rows), positive, NO_WINDOW);
    }

    /** The label per customer id: true, false, or (NULL) absent; a value other than a boolean, 0 or 1 is refused. */
    static Map<String, Boolean> labels(Warehouse warehouse, ScoringModel.Label config) {
        String path = "scores." + config.name();
        List<Column> columns = warehouse.describe(config.table()).orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                path + ".table: " + config.table() + " does not exist"));
        Column id = column(columns, config, config.customerIdColumn(), path + ".customer-id");
        Column label = column(columns, config, config.labelColumn(), path + ".label");
        if (!LABEL_TYPES.contains(label.type())) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, path + ".label: " + config.table() + "." + label.name() + " is "
                    + label.type().configName() + "; a label must be a boolean or a number 0/1");
        }
        SqlDialect dialect = warehouse.dialect();
        Map<String, Boolean> labels = new HashMap<>();
        for (Object[] row : warehouse.queryAll("SELECT " + dialect.quote(id.name()) + ", " + dialect.quote(label.name()) + " FROM "
                + dialect.table(config.table()) + " WHERE " + dialect.quote(id.name()) + " IS NOT NULL AND " + dialect.quote(label.name())
                + " IS NOT NULL").rows()) {
            boolean value = value(row[1], path, config, String.valueOf(row[0]));
            Boolean previous = labels.put(String.valueOf(row[0]), value);
            if (previous != null && previous != value) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, path + ": customer '" + row[0] + "' has two labels in "
                        + config.table() + "; a customer-level table has one row per customer");
            }
        }
        return labels;
    }

    private static boolean value(Object value, String path, ScoringModel.Label config, String customerId) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
            return number.doubleValue() == 1;
        }
        throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, path + ".label: " + config.table() + "." + config.labelColumn()
                + " is " + value + " for customer '" + customerId + "'; a label must be true/false or 0/1");
    }

    private static Column column(List<Column> columns, ScoringModel.Label config, String name, String path) {
        Optional<Column> found = columns.stream().filter(column -> column.name().equalsIgnoreCase(name)).findFirst();
        return found.orElseThrow(() -> new OwnstackException(ErrorCode.CONFIG_INVALID, path + ": " + config.table() + " has no column '"
                + name + "' (it has " + String.join(", ", columns.stream().map(Column::name).toList()) + ")"));
    }
}
