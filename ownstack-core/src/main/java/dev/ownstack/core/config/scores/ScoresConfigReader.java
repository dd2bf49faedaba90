package dev.ownstack.core.config.scores;

import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code scores:} section. Every problem is reported with its path and value; an entry
 * with problems is left out so that the others are still checked.
 */
public final class ScoresConfigReader {
    private static final List<String> KINDS = List.of("churn", "label", "lifetime-value");
    private static final int MAX_DAYS = 3650;

    private ScoresConfigReader() {
    }

    public static ScoresConfig read(ConfigNode top) {
        Map<String, ScoringModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : top.entries("scores").entrySet()) {
            read(entry.getKey(), entry.getValue()).ifPresent(model -> models.put(entry.getKey(), model));
        }
        return new ScoresConfig(models);
    }

    private static Optional<ScoringModel> read(String name, ConfigNode node) {
        int before = node.problems().problems().size();
        if (!ScoringModel.NAME.matcher(name).matches()) {
            node.problems().add(node.path(), "'" + name + "' is not a model name: lower case letters, digits and _, starting with a"
                    + " letter, at most 31 characters (it prefixes the traits, as in " + "churn_decile)");
        }
        if (!node.isObject()) {
            node.problems().add(node.path(), "must be a mapping with at least kind: churn, label or lifetime-value");
            return Optional.empty();
        }
        String kind = node.requiredString("kind").orElse("");
        boolean applyAfterBuild = node.bool("apply-after-build", true);
        ScoringModel model = null;
        switch (kind) {
            case "churn" -> {
                int labelDays = node.integer("label-days", ScoringModel.Churn.DEFAULT_LABEL_DAYS, 1, MAX_DAYS);
                ScoringModel.Features features = features(node);
                model = valid(node, before) ? new ScoringModel.Churn(name, labelDays, features, applyAfterBuild) : null;
            }
            case "label" -> {
                Optional<TableName> table = table(node);
                Optional<String> label = column(node, "label", null);
                Optional<String> customerId = column(node, "customer-id", ScoringModel.Label.DEFAULT_CUSTOMER_ID);
                ScoringModel.Features features = features(node);
                model = valid(node, before) && table.isPresent() && label.isPresent() && customerId.isPresent()
                        ? new ScoringModel.Label(name, table.get(), label.get(), customerId.get(), features, applyAfterBuild) : null;
            }
            case "lifetime-value" -> {
                int horizon = node.integer("horizon-days", ScoringModel.LifetimeValue.DEFAULT_HORIZON_DAYS, 1, MAX_DAYS);
                int period = node.integer("period-days", ScoringModel.LifetimeValue.DEFAULT_PERIOD_DAYS, 1, 365);
                model = valid(node, before) ? new ScoringModel.LifetimeValue(name, horizon, period, applyAfterBuild) : null;
            }
            case "" -> {
                // reported by requiredString
            }
            default -> node.problems().add(node.path() + ".kind", "must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
        }
        node.finish();
        return valid(node, before) ? Optional.ofNullable(model) : Optional.empty();
    }

    private static ScoringModel.Features features(ConfigNode node) {
        List<String> orderTypes = node.has("order-types") ? node.stringList("order-types")
                : ScoringModel.Features.DEFAULTS.orderTypes();
        if (orderTypes.isEmpty()) {
            node.problems().add(node.path() + ".order-types", "must list at least one value of model.transactions.type, such as [order]");
        }
        List<Integer> windows = new ArrayList<>();
        if (node.has("windows")) {
            for (ConfigNode element : node.list("windows")) {
                Optional<String> text = element.asString();
                try {
                    int days = Integer.parseInt(text.orElse("").trim());
                    if (days < 1 || days > MAX_DAYS || windows.contains(days)) {
                        throw new NumberFormatException();
                    }
                    windows.add(days);
                } catch (NumberFormatException e) {
                    text.ifPresent(value -> node.problems().add(element.path(), "must be a number of days from 1 to " + MAX_DAYS
                            + ", each window once, got '" + value + "'"));
                }
            }
            if (windows.isEmpty()) {
                node.problems().add(node.path() + ".windows", "must list at least one window in days, such as [30, 90, 365]");
            }
        } else {
            node.raw("windows");
            windows.addAll(ScoringModel.Features.DEFAULTS.windowDays());
        }
        return orderTypes.isEmpty() || windows.isEmpty() ? ScoringModel.Features.DEFAULTS : new ScoringModel.Features(orderTypes, windows);
    }

    private static Optional<TableName> table(ConfigNode node) {
        Optional<String> text = node.requiredString("table");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.get().trim().split("\\.", -1);
        if (parts.length != 2 || !Identifiers.isValid(parts[0]) || !Identifiers.isValid(parts[1])) {
            node.problems().add(node.path() + ".table", "must be schema.table of a customer-level table, such as crm.churn_flags or"
                    + " model.customers, got '" + text.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new TableName(parts[0], parts[1]));
    }

    private static Optional<String> column(ConfigNode node, String key, String defaultValue) {
        Optional<String> text = defaultValue == null ? node.requiredString(key) : Optional.of(node.string(key).orElse(defaultValue));
        if (text.isPresent() && !Identifiers.isValid(text.get())) {
            node.problems().add(node.path() + "." + key, "must be a column name (letters, digits and _), got '" + text.get() + "'");
            return Optional.empty();
        }
        return text;
    }

    private static boolean valid(ConfigNode node, int problemsBefore) {
        return node.problems().problems().size() == problemsBefore;
    }
}
