package dev.ownstack.insights.churn;

import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How the Online Retail churn set-up was chosen without the held-back period (docs/INSIGHTS.md, "Online Retail"):
 * two validation splits inside the training period, train 2011-03-01 / validate 2011-06-01 and train 2011-02-15 /
 * validate 2011-05-16 (90-day labels, all ending before 2011-09-01), and for feature subsets the mean AUC of
 * logistic regression and of XGBoost with several settings. With the argument {@code stack} the training set of
 * each split also stacks the cut-off a month before. With the argument {@code ensemble} it compares, with every
 * feature and the default settings, one cut-off and two stacked: XGBoost, logistic regression and their
 * {@link RankEnsemble} (mean AUC), and the ensemble's calibration on the validation periods (the mean gap between
 * predicted and observed churn rate over the deciles) with the calibration fitted on the ensemble score itself or on
 * its log-odds. Usage, from ownstack-insights after test-compile:
 * {@code java -cp target/test-classes:target/classes:<test class path> dev.ownstack.insights.churn.OnlineRetailChurnValidation [stack|ensemble]}.
 */
public final class OnlineRetailChurnValidation {
    private OnlineRetailChurnValidation() {
    }

    public static void main(String[] args) {
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            OnlineRetailTransactions.load(warehouse, SharedData.onlineRetailByDay());
            FeatureSpec spec = OnlineRetailChurnTest.SPEC;
            String[][] splits = {{"2011-03-01", "2011-06-01"}, {"2011-02-15", "2011-05-16"}};
            List<LabelledSet[]> sets = new ArrayList<>();
            if (args.length > 0 && args[0].equals("ensemble")) {
                compareEnsemble(warehouse, spec, splits);
                return;
            }
            boolean stacked = args.length > 0 && args[0].equals("stack");
            for (String[] split : splits) {
                LabelledSet train = LabelledSets.build(warehouse, spec, at(split[0]), 90);
                if (stacked) {
                    train = concat(train, LabelledSets.build(warehouse, spec, at(split[0]).minusMonths(1), 90));
                }
                sets.add(new LabelledSet[] {train, LabelledSets.build(warehouse, spec, at(split[1]), 90)});
            }
            List<String> all = sets.get(0)[0].features().featureNames();
            System.out.println(all);
            System.out.println("features: mean AUC of logistic regression, then of XGBoost with each settings");
            List<Predicate<String>> subsets = List.of(n -> true,
                    n -> !n.startsWith("active_") && !n.startsWith("orders_previous") && !n.startsWith("orders_trend")
                            && !n.equals("days_since_second_last_order"),
                    n -> !n.endsWith("_365d") && !n.endsWith("_180d"),
                    n -> !n.startsWith("orders_previous") && !n.startsWith("orders_trend"));
            String[] subsetNames = {"all", "without the regularity, trend and second-to-last features", "without the 180- and 365-day windows",
                "without the trend features"};
            List<GradientBoostedTrees.Settings> settings = List.of(GradientBoostedTrees.Settings.defaults(),
                    new GradientBoostedTrees.Settings(400, 0.015, 3, 0.8, 0.8, 20, 2, 42),
                    new GradientBoostedTrees.Settings(300, 0.03, 2, 0.8, 0.8, 20, 2, 42),
                    new GradientBoostedTrees.Settings(600, 0.01, 4, 0.7, 0.5, 30, 2, 42),
                    new GradientBoostedTrees.Settings(150, 0.05, 3, 0.8, 0.6, 40, 2, 42));
            for (int s = 0; s < subsets.size(); s++) {
                StringBuilder line = new StringBuilder(subsetNames[s]);
                double lr = 0;
                double[] gbt = new double[settings.size()];
                for (LabelledSet[] pair : sets) {
                    LabelledSet train = subset(pair[0], subsets.get(s));
                    LabelledSet val = subset(pair[1], subsets.get(s));
                    lr += Evaluations.evaluate(LogisticBaseline.train(train).predict(val.features()), val.churned(), true).auc() / sets.size();
                    for (int k = 0; k < settings.size(); k++) {
                        gbt[k] += Evaluations.evaluate(GradientBoostedTrees.train(train, settings.get(k)).predict(val.features()), val.churned(), true).auc() / sets.size();
                    }
                }
                line.append(String.format(" LR %.4f", lr));
                for (double g : gbt) {
                    line.append(String.format(" GB %.4f", g));
                }
                System.out.println(line);
            }
        }
    }

    private static void compareEnsemble(Warehouse warehouse, FeatureSpec spec, String[][] splits) {
        System.out.println("training set: mean AUC of logistic regression, XGBoost (defaults), ensemble;"
                + " ensemble calibration gap with Platt scaling on the mean percentile, on its log-odds");
        for (boolean stacked : new boolean[] {false, true}) {
            double[] sums = new double[5];
            for (String[] split : splits) {
                LabelledSet train = LabelledSets.build(warehouse, spec, at(split[0]), 90);
                if (stacked) {
                    train = concat(train, LabelledSets.build(warehouse, spec, at(split[0]).minusMonths(1), 90));
                }
                LabelledSet validation = LabelledSets.build(warehouse, spec, at(split[1]), 90);
                RankEnsemble ensemble = RankEnsemble.train(train, GradientBoostedTrees.Settings.defaults());
                RankEnsemble.Scores scores = ensemble.scores(validation.features());
                boolean[] churned = validation.churned();
                sums[0] += Evaluations.evaluate(scores.logistic(), churned, true).auc();
                sums[1] += Evaluations.evaluate(scores.trees(), churned, true).auc();
                Evaluation blended = Evaluations.evaluate(scores.ensemble(), churned, true);
                sums[2] += blended.auc();
                sums[3] += gap(blended);
                sums[4] += gap(Evaluations.evaluate(logOddsCalibration(ensemble, train, validation), churned, true));
                System.out.printf("  split %s -> %s%s: LR %.4f XGBoost %.4f ensemble %.4f%n", split[0], split[1], stacked ? " (stacked)" : "",
                        Evaluations.evaluate(scores.logistic(), churned, true).auc(), Evaluations.evaluate(scores.trees(), churned, true).auc(),
                        blended.auc());
            }
            System.out.printf("%s: LR %.4f XGBoost %.4f ensemble %.4f; calibration gap: mean percentile %.4f, log-odds %.4f%n",
                    stacked ? "two cut-offs stacked" : "one cut-off", sums[0] / splits.length, sums[1] / splits.length,
                    sums[2] / splits.length, sums[3] / splits.length, sums[4] / splits.length);
        }
    }

    /**
     * The ensemble's validation probabilities had its calibration been fitted on the log-odds of the mean percentile
     * (kept within half a quantile step of 0 and 1) rather than on the mean percentile.
     */
    private static double[] logOddsCalibration(RankEnsemble ensemble, LabelledSet train, LabelledSet validation) {
        Quantiles trees = Quantiles.of(ensemble.trees().predict(train.features()), Quantiles.POINTS);
        Quantiles logistic = Quantiles.of(ensemble.logistic().predict(train.features()), Quantiles.POINTS);
        PlattScaling platt = PlattScaling.fit(logOdds(meanPercentiles(trees, logistic, ensemble, train.features())), train.churned());
        double[] probabilities = logOdds(meanPercentiles(trees, logistic, ensemble, validation.features()));
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = platt.probability(probabilities[i]);
        }
        return probabilities;
    }

    private static double[] logOdds(double[] meanPercentiles) {
        double edge = 0.5 / (Quantiles.POINTS - 1);
        double[] logOdds = new double[meanPercentiles.length];
        for (int i = 0; i < logOdds.length; i++) {
            double bounded = Math.min(1 - edge, Math.max(edge, meanPercentiles[i]));
            logOdds[i] = Math.log(bounded / (1 - bounded));
        }
        return logOdds;
    }

    private static double[] meanPercentiles(Quantiles trees, Quantiles logistic, RankEnsemble ensemble, FeatureMatrix features) {
        double[] treesScores = ensemble.trees().predict(features);
        double[] logisticScores = ensemble.logistic().predict(features);
        double[] means = new double[treesScores.length];
        for (int i = 0; i < means.length; i++) {
            means[i] = (trees.percentile(treesScores[i]) + logistic.percentile(logisticScores[i])) / 2;
        }
        return means;
    }

    /** The mean absolute gap between the predicted and the observed churn rate over the deciles of the prediction. */
    private static double gap(Evaluation evaluation) {
        return evaluation.calibration().stream().mapToDouble(bin -> Math.abs(bin.meanPredicted() - bin.observedRate())).average().orElseThrow();
    }

    static LabelledSet concat(LabelledSet a, LabelledSet b) {
        List<String> ids = new ArrayList<>(a.features().customerIds());
        List<double[]> rows = new ArrayList<>(a.features().rows());
        ids.addAll(b.features().customerIds());
        rows.addAll(b.features().rows());
        boolean[] labels = new boolean[ids.size()];
        System.arraycopy(a.churned(), 0, labels, 0, a.size());
        System.arraycopy(b.churned(), 0, labels, a.size(), b.size());
        return new LabelledSet(new FeatureMatrix(a.features().cutoff(), a.features().featureNames(), ids, rows), labels, a.labelDays());
    }

    static LabelledSet subset(LabelledSet set, Predicate<String> keep) {
        FeatureMatrix m = set.features();
        List<Integer> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.featureNames().size(); i++) {
            if (keep.test(m.featureNames().get(i))) {
                cols.add(i);
                names.add(m.featureNames().get(i));
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (double[] row : m.rows()) {
            double[] r = new double[cols.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = row[cols.get(i)];
            }
            rows.add(r);
        }
        return new LabelledSet(new FeatureMatrix(m.cutoff(), names, m.customerIds(), rows), set.churned(), set.labelDays());
    }

    static LocalDateTime at(String day) {
        return LocalDateTime.parse(day + "T00:00:00");
    }
}
