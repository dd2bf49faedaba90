package dev.ownstack.core.config.scores;

import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the {@code scores:} section of {@code ownstack.yml}: a scoring model whose name is
 * the prefix of the traits it writes into {@code model.customer_scores} ({@code churn_decile}).
 */
public sealed interface ScoringModel permits ScoringModel.Churn, ScoringModel.Label, ScoringModel.LifetimeValue {
    /** Model names: lower case, so that {@code <name>_<output>} is a column every engine keeps as written. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    String name();

    /** {@code churn}, {@code label} or {@code lifetime-value}, as {@code kind:} spells it. */
    String kind();

    /** Whether {@code ownstack build} scores every customer again with the latest trained version. */
    boolean applyAfterBuild();

    /**
     * What the customer features of a classifier are computed from.
     *
     * @param orderTypes  the values of {@code model.transactions.type} that are orders (a NULL type is one too)
     * @param windowDays  the trailing windows of the windowed counts
     */
    record Features(List<String> orderTypes, List<Integer> windowDays) {
        public static final Features DEFAULTS = new Features(List.of("order"), List.of(30, 90, 180, 365));

        public Features {
            orderTypes = List.copyOf(orderTypes);
            windowDays = List.copyOf(windowDays);
            if (orderTypes.isEmpty() || windowDays.isEmpty()) {
                throw new IllegalArgumentException("order types and windows must not be empty");
            }
        }
    }

    /** Churn: no order in the {@code labelDays} days after a cut-off. */
    record Churn(String name, int labelDays, Features features, boolean applyAfterBuild) implements ScoringModel {
        public static final int DEFAULT_LABEL_DAYS = 90;

        public Churn {
            requireName(name);
            Objects.requireNonNull(features, "features");
            if (labelDays < 1) {
                throw new IllegalArgumentException("scores." + name + ".label-days: must be at least 1, got " + labelDays);
            }
        }

        @Override
        public String kind() {
            return "churn";
        }
    }

    /**
     * Any binary label: a boolean (or 0/1) column of a customer-level table, learnt from the
     * customer features as of the latest data. A deterministic fifth of the customers (by a hash of
     * the id) is held back for evaluation.
     */
    record Label(String name, TableName table, String labelColumn, String customerIdColumn, Features features,
                 boolean applyAfterBuild) implements ScoringModel {
        public static final String DEFAULT_CUSTOMER_ID = "customer_id";

        public Label {
            requireName(name);
            Objects.requireNonNull(table, "table");
            Identifiers.requireValid(labelColumn, "scores." + name + ".label");
            Identifiers.requireValid(customerIdColumn, "scores." + name + ".customer-id");
            Objects.requireNonNull(features, "features");
        }

        @Override
        public String kind() {
            return "label";
        }
    }

    /** Lifetime value: BG/NBD expected purchases times Gamma-Gamma spend over {@code horizonDays}. */
    record LifetimeValue(String name, int horizonDays, int periodDays, boolean applyAfterBuild) implements ScoringModel {
        public static final int DEFAULT_HORIZON_DAYS = 90;
        public static final int DEFAULT_PERIOD_DAYS = 7;

        public LifetimeValue {
            requireName(name);
            if (horizonDays < 1 || periodDays < 1) {
                throw new IllegalArgumentException("scores." + name + ": horizon-days and period-days must be at least 1, got "
                        + horizonDays + " and " + periodDays);
            }
        }

        @Override
        public String kind() {
            return "lifetime-value";
        }
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("scores." + name + ": a model name is lower case letters, digits and _,"
                    + " starting with a letter, at most 31 characters");
        }
    }
}
