package dev.ownstack.insights.scoring;

import dev.ownstack.core.config.scores.ScoringModel;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.insights.ltv.BgNbdFit;
import dev.ownstack.insights.ltv.BgNbdFitter;
import dev.ownstack.insights.ltv.BgNbdParameters;
import dev.ownstack.insights.ltv.CustomerValue;
import dev.ownstack.insights.ltv.GammaGammaFit;
import dev.ownstack.insights.ltv.GammaGammaFitter;
import dev.ownstack.insights.ltv.GammaGammaParameters;
import dev.ownstack.insights.ltv.HoldoutComparison;
import dev.ownstack.insights.ltv.LifetimeValueModel;
import dev.ownstack.insights.ltv.RfmQuery;
import dev.ownstack.insights.ltv.RfmSummary;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lifetime value: BG/NBD and Gamma-Gamma fitted on every purchase up to the last day of the data,
 * after a hold-out test of the same fit on the history up to {@code horizon} days earlier
 * (predicted against actual purchases in the last {@code horizon} days). Applied, it writes
 * {@code <m>_expected_purchases}, {@code <m>_probability_alive}, {@code <m>_expected_spend},
 * {@code <m>_value} and {@code <m>_decile} (10 = most valuable) for every customer with a purchase.
 */
final class LifetimeValueScoring {
    static final List<CustomerScores.Output> OUTPUTS = List.of(new CustomerScores.Output("expected_purchases", ColumnType.DOUBLE),
            new CustomerScores.Output("probability_alive", ColumnType.DOUBLE), new CustomerScores.Output("expected_spend", ColumnType.DOUBLE),
            new CustomerScores.Output("value", ColumnType.DOUBLE), new CustomerScores.Output("decile", ColumnType.BIGINT));
    private static final int LAST_FREQUENCY_GROUP = 7;
    private static final TableName TRANSACTIONS = FeatureSpec.defaults().transactions();

    private LifetimeValueScoring() {
    }

    static ScoringReport train(Warehouse warehouse, ScoringModel.LifetimeValue config, LocalDateTime now, ModelStore store) {
        RfmQuery query = new RfmQuery(TRANSACTIONS, config.periodDays());
        LocalDate last = TransactionDays.lastDay(warehouse, TRANSACTIONS, config.name());
        LocalDate calibrationEnd = last.minusDays(config.horizonDays());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("holdout", holdout(warehouse, config.name(), query, calibrationEnd, last, config.horizonDays(), null));
        List<RfmSummary> customers = query.summarise(warehouse, last);
        BgNbdFit purchases = fit(config.name(), () -> BgNbdFitter.fit(customers));
        GammaGammaFit spend = fit(config.name(), () -> GammaGammaFitter.fit(customers));
        metrics.put("fit", fitMetrics(purchases, spend, last));
        Map<String, Object> parameters = parameters(purchases.parameters(), spend.parameters(), config.periodDays());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("horizon_days", config.horizonDays());
        settings.put("period_days", config.periodDays());
        StoredModel stored = store.save(new StoredModel(config.name(), 0, config.kind(), now, last.plusDays(1).atStartOfDay(),
                calibrationEnd.plusDays(1).atStartOfDay(), config.horizonDays(), ModelStore.json(metrics), List.of(),
                ModelStore.json(settings), ModelStore.json(parameters).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new ScoringReport(stored, ScoringText.lifetimeValue(stored, metrics));
    }

    /** The stored parameters predicting the last {@code horizon} days from the history before them. */
    static ScoringReport evaluate(Warehouse warehouse, ScoringModel.LifetimeValue config, StoredModel stored) {
        LifetimeValueModel model = model(stored);
        RfmQuery query = new RfmQuery(TRANSACTIONS, model.periodDays());
        LocalDate last = TransactionDays.lastDay(warehouse, TRANSACTIONS, config.name());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("holdout", holdout(warehouse, config.name(), query, last.minusDays(stored.labelDays()), last, stored.labelDays(),
                model.purchases()));
        return new ScoringReport(stored, ScoringText.lifetimeValue(stored, metrics));
    }

    static AppliedScores apply(Warehouse warehouse, StoredModel stored, LocalDateTime now) {
        LifetimeValueModel model = model(stored);
        LocalDate last = TransactionDays.lastDay(warehouse, TRANSACTIONS, stored.model());
        List<RfmSummary> customers = new RfmQuery(TRANSACTIONS, model.periodDays()).summarise(warehouse, last);
        List<CustomerValue> values = new ArrayList<>(customers.size());
        double[] value = new double[customers.size()];
        for (int i = 0; i < customers.size(); i++) {
            values.add(model.value(customers.get(i), stored.labelDays()));
            value[i] = values.get(i).value();
            if (!Double.isFinite(value[i])) {
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model '" + stored.model() + "': version " + stored.version()
                        + " gives no finite value for customer '" + customers.get(i).customerId() + "' (fitted " + model.purchases() + ");"
                        + " see ownstack score evaluate " + stored.model());
            }
        }
        int[] deciles = Evaluations.deciles(value);
        List<Object[]> rows = new ArrayList<>(values.size());
        List<String> ids = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            CustomerValue customer = values.get(i);
            ids.add(customer.customerId());
            rows.add(new Object[] {customer.expectedPurchases(), customer.probabilityAlive(), customer.expectedSpend(), customer.value(),
                (long) deciles[i]});
        }
        CustomerScores.Scores scores = new CustomerScores.Scores(stored.model(), String.valueOf(stored.version()), now, OUTPUTS, ids, rows);
        long written = CustomerScores.replace(warehouse, scores);
        return new AppliedScores(stored.model(), stored.version(), written, OUTPUTS.stream().map(scores::column).toList(),
                AppliedScores.sizes(deciles));
    }

    static LifetimeValueModel model(StoredModel stored) {
        Map<String, Object> values = ModelStore.map(new String(stored.payload(), java.nio.charset.StandardCharsets.UTF_8));
        return new LifetimeValueModel(new BgNbdParameters(number(values, "r"), number(values, "alpha"), number(values, "a"),
                number(values, "b")), new GammaGammaParameters(number(values, "p"), number(values, "q"), number(values, "gamma")),
                (int) number(values, "period_days"), 0);
    }

    /**
     * Fits on the summaries up to {@code calibrationEnd} (unless {@code parameters} are given) and
     * compares the expected purchases in the following days with the actual ones.
     */
    private static Map<String, Object> holdout(Warehouse warehouse, String name, RfmQuery query, LocalDate calibrationEnd, LocalDate last,
                                               int horizonDays, BgNbdParameters parameters) {
        List<RfmSummary> customers = query.summarise(warehouse, calibrationEnd);
        if (customers.isEmpty()) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model '" + name + "': too little data: no purchase on or before "
                    + calibrationEnd + ", " + horizonDays + " days before the last one, to test the fit against");
        }
        BgNbdParameters fitted = parameters != null ? parameters : fit(name, () -> BgNbdFitter.fit(customers)).parameters();
        HoldoutComparison comparison = HoldoutComparison.of(fitted, customers, query.purchasesBetween(warehouse, calibrationEnd, last),
                (double) horizonDays / query.periodDays(), LAST_FREQUENCY_GROUP);
        if (!Double.isFinite(comparison.predicted())) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "model '" + name + "': the purchase model fitted on the history to "
                    + calibrationEnd + " (" + fitted + ") gives no finite expected purchases; with dropout this even across customers,"
                    + " BG/NBD does not suit the data");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("calibration_end", calibrationEnd.toString());
        values.put("holdout_end", last.toString());
        values.put("customers", customers.size());
        values.put("actual_purchases", Classifiers.round(comparison.actual()));
        values.put("predicted_purchases", Classifiers.round(comparison.predicted()));
        values.put("relative_error", Classifiers.round(comparison.relativeError()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (HoldoutComparison.Group group : comparison.groups()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("frequency", group.frequency());
            row.put("customers", group.customers());
            row.put("actual_mean", Classifiers.round(group.actualMean()));
            row.put("predicted_mean", Classifiers.round(group.predictedMean()));
            groups.add(row);
        }
        values.put("groups", groups);
        return values;
    }

    private static Map<String, Object> fitMetrics(BgNbdFit purchases, GammaGammaFit spend, LocalDate last) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("as_of", last.toString());
        values.put("customers", purchases.customers());
        values.put("bg_nbd_log_likelihood", Classifiers.round(purchases.logLikelihood()));
        values.put("gamma_gamma_customers", spend.customers());
        values.put("gamma_gamma_log_likelihood", Classifiers.round(spend.logLikelihood()));
        values.putAll(parameters(purchases.parameters(), spend.parameters(), 0));
        values.remove("period_days");
        return values;
    }

    private static Map<String, Object> parameters(BgNbdParameters purchases, GammaGammaParameters spend, int periodDays) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("r", purchases.r());
        values.put("alpha", purchases.alpha());
        values.put("a", purchases.a());
        values.put("b", purchases.b());
        values.put("p", spend.p());
        values.put("q", spend.q());
        values.put("gamma", spend.gamma());
        values.put("period_days", periodDays);
        return values;
    }

    private static double number(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (!(value instanceof Number number)) {
            throw new OwnstackException(ErrorCode.INTERNAL, "a stored lifetime-value model has no parameter " + key);
        }
        return number.doubleValue();
    }

    /** A fit that cannot be made (too few customers, no repeat purchases) is said with the model's name. */
    private static <T> T fit(String name, java.util.function.Supplier<T> fitter) {
        try {
            return fitter.get();
        } catch (OwnstackException e) {
            throw new OwnstackException(e.code(), "model '" + name + "': too little data: " + e.getMessage(), e.details(), e);
        }
    }
}
