package dev.ownstack.insights.churn.bench;

import dev.ownstack.insights.churn.ChurnScores;
import dev.ownstack.insights.churn.Evaluation;
import dev.ownstack.insights.churn.Evaluations;
import dev.ownstack.insights.churn.GradientBoostedTrees;
import dev.ownstack.insights.churn.LabelledSet;
import dev.ownstack.insights.churn.LabelledSets;
import dev.ownstack.insights.churn.LogisticBaseline;
import dev.ownstack.insights.churn.RankEnsemble;
import dev.ownstack.insights.features.CustomerFeatures;
import dev.ownstack.insights.features.FeatureMatrix;
import dev.ownstack.insights.features.FeatureSpec;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.bench.MemoryPeaks;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.lang.management.ManagementFactory;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Trains and applies the churn model on CUSTOMERS generated customers in DuckDB (in memory) and
 * times every step on its own, with the peak heap and RSS of each: the labelled training and
 * evaluation sets (feature SQL and label query), XGBoost training, logistic-regression training,
 * the rank ensemble's quantiles and calibration, evaluation of all three on the later period, the
 * validation split on which {@code ownstack score train} chooses the ensemble or XGBoost (one more
 * labelled set and both models trained on it), the features as of the scoring day and
 * {@link ChurnScores#write} with the ensemble. In the same run, a plain scan of the transactions
 * ({@code SELECT count(*), sum(amount)}) and a scan grouped by customer are the raw limits the
 * feature SQL is put next to. Each step also shows the CPU time the process spent in it (all threads), which a
 * busy machine does not inflate as it does the wall time. Usage: {@code ChurnBenchmark [CUSTOMERS]}; run by bench/churn-train.sh.
 */
public final class ChurnBenchmark {
    static final LocalDateTime TRAIN_CUTOFF = LocalDateTime.parse("2011-06-01T00:00:00");
    static final LocalDateTime EVALUATION_CUTOFF = LocalDateTime.parse("2011-09-01T00:00:00");
    static final LocalDateTime SCORED_AT = LocalDateTime.parse("2011-12-01T00:00:00");
    static final int LABEL_DAYS = 90;

    /** The time of the last step, in seconds. */
    private static double lastSeconds;

    private ChurnBenchmark() {
    }

    public static void main(String[] args) {
        long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        FeatureSpec spec = FeatureSpec.defaults().withTransactionColumns(List.of("items"));
        System.out.printf("available processors %d, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("| step | seconds | CPU seconds (all threads) | peak heap MiB | peak RSS MiB | rows |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        try (Warehouse warehouse = DuckDbWarehouse.inMemory()) {
            step("generate " + customers + " customers' transactions (SQL)", () -> generate(warehouse, customers));
            long start = System.nanoTime();
            double scan = step("plain scan: SELECT count(*), sum(amount)", () -> count(warehouse,
                    "SELECT count(*), sum(amount) FROM model.transactions"));
            double grouped = step("grouped scan: count(*), sum(amount), max(occurred_at) GROUP BY customer_id", () -> count(warehouse,
                    "SELECT count(*) FROM (SELECT customer_id, count(*), sum(amount), max(occurred_at) FROM model.transactions GROUP BY customer_id) g"));
            long before = System.nanoTime();
            LabelledSet train = timed("training set as of " + TRAIN_CUTOFF.toLocalDate() + " (features SQL + label)",
                    () -> LabelledSets.build(warehouse, spec, TRAIN_CUTOFF, LABEL_DAYS), LabelledSet::size);
            LabelledSet held = timed("evaluation set as of " + EVALUATION_CUTOFF.toLocalDate() + " (features SQL + label)",
                    () -> LabelledSets.build(warehouse, spec, EVALUATION_CUTOFF, LABEL_DAYS), LabelledSet::size);
            double sets = (System.nanoTime() - before) / 1e9;
            GradientBoostedTrees trees = timed("xgboost training (" + train.features().featureNames().size() + " features, defaults)",
                    () -> GradientBoostedTrees.train(train, GradientBoostedTrees.Settings.defaults()), t -> train.size());
            double treesTime = lastSeconds;
            LogisticBaseline logistic = timed("logistic-regression training (Tribuo)", () -> LogisticBaseline.train(train), l -> train.size());
            double logisticTime = lastSeconds;
            RankEnsemble ensemble = timed("ensemble: both models' training-score quantiles and calibration",
                    () -> RankEnsemble.of(trees, logistic, train), e -> train.size());
            double ensembleTime = lastSeconds;
            Evaluation[] evaluations = timed("evaluation of all three on the later period", () -> {
                RankEnsemble.Scores scores = ensemble.scores(held.features());
                return new Evaluation[] {Evaluations.evaluate(scores.trees(), held.churned(), true),
                    Evaluations.evaluate(scores.logistic(), held.churned(), true), Evaluations.evaluate(scores.ensemble(), held.churned(), true)};
            }, e -> held.size());
            double evaluationTime = lastSeconds;
            LabelledSet earlier = timed("validation set as of " + TRAIN_CUTOFF.minusDays(LABEL_DAYS).toLocalDate() + " (features SQL + label)",
                    () -> LabelledSets.build(warehouse, spec, TRAIN_CUTOFF.minusDays(LABEL_DAYS), LABEL_DAYS), LabelledSet::size);
            double validationSet = lastSeconds;
            double[] validation = timed("validation: ensemble trained on it, ranked on the training set", () -> {
                RankEnsemble chooser = RankEnsemble.train(earlier, GradientBoostedTrees.Settings.defaults());
                RankEnsemble.Scores scores = chooser.scores(train.features());
                return new double[] {Evaluations.evaluate(scores.ensemble(), train.churned(), true).auc(),
                    Evaluations.evaluate(scores.trees(), train.churned(), true).auc()};
            }, v -> earlier.size());
            double validationTime = lastSeconds;
            FeatureMatrix current = timed("features SQL as of " + SCORED_AT.toLocalDate() + " (for scoring)",
                    () -> CustomerFeatures.compute(warehouse, spec, SCORED_AT), FeatureMatrix::size);
            double features = lastSeconds;
            timed("ChurnScores.write with the ensemble (predict both, deciles, write model.customer_scores)",
                    () -> ChurnScores.write(warehouse, "churn", ensemble, "1", current, SCORED_AT), rows -> rows);
            System.out.printf("%ntraining customers %d (churn rate %.3f), evaluation customers %d (churn rate %.3f)%n", train.size(),
                    train.churnRate(), held.size(), held.churnRate());
            System.out.printf("AUC on the later period: xgboost %.4f, logistic regression %.4f, ensemble %.4f%n", evaluations[0].auc(),
                    evaluations[1].auc(), evaluations[2].auc());
            System.out.printf("AUC on the validation split: ensemble %.4f, xgboost %.4f%n", validation[0], validation[1]);
            System.out.printf("train-and-evaluate (both sets, both models, ensemble, evaluation): %.1f s; with the validation split: %.1f s;"
                    + " everything after generating: %.1f s%n", sets + treesTime + logisticTime + ensembleTime + evaluationTime,
                    sets + treesTime + logisticTime + ensembleTime + evaluationTime + validationSet + validationTime, (System.nanoTime() - start) / 1e9);
            System.out.printf("ratios: features SQL / plain scan %.1f, features SQL / grouped scan %.1f, logistic regression / xgboost training %.2f%n",
                    features / scan, features / grouped, logisticTime / treesTime);
        }
    }

    /**
     * CUSTOMERS customers first seen between 2009-12-01 and 2011-09-01, each with an order rate (0.1 to 1.6 a month,
     * most near the low end) and a lifetime (exponential, mean 300 days) after which they order no more: their orders
     * (1 up to 60, on average about 5) fall uniformly between the first day and the end of their lifetime or
     * 2011-12-01. A customer's orders before a cut-off thus say how likely they are to have stopped.
     */
    static long generate(Warehouse warehouse, long customers) {
        warehouse.execute("CREATE SCHEMA IF NOT EXISTS model");
        warehouse.execute("SELECT setseed(0.42)");
        warehouse.execute("CREATE TABLE bench_customers AS SELECT customer_id, first_seen, rate,"
                + " least(TIMESTAMP '2011-12-01 00:00:00', first_seen + to_minutes(CAST(lifetime_days * 1440 AS BIGINT))) AS last_possible"
                + " FROM (SELECT 'cus_' || i AS customer_id, TIMESTAMP '2009-12-01 00:00:00' + to_minutes(CAST(random() * 639 * 1440 AS BIGINT)) AS first_seen,"
                + " 0.1 + 1.5 * pow(random(), 2) AS rate, -ln(1 - random()) * 300 AS lifetime_days FROM range(" + customers + ") t(i)) c");
        warehouse.execute("CREATE TABLE model.transactions AS SELECT c.customer_id || '_' || k AS transaction_id, c.customer_id,"
                + " CASE WHEN k = 0 THEN c.first_seen ELSE c.first_seen + to_minutes(CAST(random() * date_diff('minute', c.first_seen, c.last_possible) AS BIGINT)) END AS occurred_at,"
                + " CAST(CASE WHEN random() < 0.05 THEN -20 ELSE 5 + random() * 200 END AS DECIMAL(38, 9)) AS amount,"
                + " CASE WHEN random() < 0.05 THEN 'return' ELSE 'order' END AS type, CAST(1 + floor(random() * 6) AS BIGINT) AS items"
                + " FROM bench_customers c, range(CAST(1 + least(59, floor(date_diff('day', c.first_seen, c.last_possible) * c.rate / 30)) AS BIGINT)) r(k)");
        warehouse.execute("DROP TABLE bench_customers");
        return count(warehouse, "SELECT count(*) FROM model.transactions");
    }

    private static long count(Warehouse warehouse, String sql) {
        return ((Number) warehouse.queryAll(sql).rows().get(0)[0]).longValue();
    }

    private static double step(String name, Supplier<Long> work) {
        timed(name, work, rows -> rows);
        return lastSeconds;
    }

    /** CPU time of the whole process, native threads (DuckDB's, XGBoost's) included. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static <T> T timed(String name, Supplier<T> work, ToLongFunction<T> rows) {
        System.gc();
        MemoryPeaks.reset();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        T result = work.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        lastSeconds = seconds;
        System.out.printf("| %s | %.1f | %.1f | %d | %d | %,d |%n", name, seconds, (processCpuNanos() - cpu) / 1e9, MemoryPeaks.heap() >> 20,
                MemoryPeaks.residentSet() >> 20, rows.applyAsLong(result));
        System.out.flush();
        return result;
    }
}
