package dev.ownstack.cli.generate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Every calibrated statistic with its figure in the source data, the generated figure and the
 * tolerance {@link CalibrationTest} allows. {@code main} prints the table of docs/GENERATOR.md for
 * a generated directory: {@code java -cp ... CalibrationReport DIR}.
 */
final class CalibrationReport {

    record Target(String statistic, String source, double sourceFigure, double tolerance,
            ToDoubleFunction<GeneratedStatistics> measure) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("orders per buying customer, mean", "CDNOW", 2.868, 0.35,
                    statistics -> GeneratedStatistics.mean(statistics.ordersPerBuyer())),
            new Target("orders per buying customer, share with one", "CDNOW", 0.5114, 0.04,
                    statistics -> GeneratedStatistics.share(statistics.ordersPerBuyer(), 1)),
            new Target("orders per buying customer, 90th percentile", "CDNOW", 6, 1,
                    statistics -> GeneratedStatistics.quantile(statistics.ordersPerBuyer(), 0.9)),
            new Target("days between orders, median", "CDNOW", 34, 6,
                    statistics -> GeneratedStatistics.quantile(statistics.gapDays(), 0.5)),
            new Target("days between orders, mean", "CDNOW", 72.2, 9,
                    statistics -> GeneratedStatistics.mean(statistics.gapDays())),
            new Target("days between orders, 90th percentile", "CDNOW", 200, 30,
                    statistics -> GeneratedStatistics.quantile(statistics.gapDays(), 0.9)),
            new Target("lines per order, median", "Online Retail", 15, 1,
                    statistics -> GeneratedStatistics.quantile(statistics.linesPerOrder(), 0.5)),
            new Target("lines per order, mean", "Online Retail", 21.47, 1.5,
                    statistics -> GeneratedStatistics.mean(statistics.linesPerOrder())),
            new Target("quantity per line, median", "Online Retail", 6, 1,
                    statistics -> GeneratedStatistics.quantile(statistics.quantityPerLine(), 0.5)),
            new Target("quantity per line, 90th percentile", "Online Retail", 24, 2,
                    statistics -> GeneratedStatistics.quantile(statistics.quantityPerLine(), 0.9)),
            // The median sits on a jump from 1.79 to 1.95, so the share below it is the stable figure.
            new Target("unit price, share of lines at or below GBP 1.95", "Online Retail", 0.5298, 0.03,
                    statistics -> GeneratedStatistics.shareAtMost(statistics.unitPrice(), 1.95)),
            new Target("unit price (GBP), 90th percentile", "Online Retail", 6.35, 1.0,
                    statistics -> GeneratedStatistics.quantile(statistics.unitPrice(), 0.9)),
            new Target("orders cancelled or refunded, share", "Online Retail", 0.1972, 0.025,
                    statistics -> statistics.reversalRate()),
            new Target("reversals that reverse the whole order, share", "Online Retail", 0.0532, 0.03,
                    statistics -> statistics.fullReversalShare()));

    /** Not calibrated directly: follows from the figures above; the means lose the outliers the tables leave out. */
    static final List<Target> CONSEQUENCES = List.of(
            new Target("order total (GBP), median", "Online Retail", 303.04, Double.NaN,
                    statistics -> GeneratedStatistics.quantile(statistics.orderTotal(), 0.5)),
            new Target("order total (GBP), mean", "Online Retail", 480.87, Double.NaN,
                    statistics -> GeneratedStatistics.mean(statistics.orderTotal())),
            new Target("quantity per line, mean", "Online Retail", 12.99, Double.NaN,
                    statistics -> GeneratedStatistics.mean(statistics.quantityPerLine())),
            new Target("unit price (GBP), mean", "Online Retail", 3.12, Double.NaN,
                    statistics -> GeneratedStatistics.mean(statistics.unitPrice())),
            new Target("unit price (GBP), median", "Online Retail", 1.95, Double.NaN,
                    statistics -> GeneratedStatistics.quantile(statistics.unitPrice(), 0.5)));

    private CalibrationReport() {
    }

    public static void main(String[] arguments) {
        GeneratedStatistics statistics = GeneratedStatistics.of(Path.of(arguments[0]));
        System.out.println("| statistic | source | source figure | generated | tolerance in test |");
        System.out.println("|---|---|---:|---:|---:|");
        for (Target target : TARGETS) {
            row(target, statistics, format(target.tolerance()));
        }
        for (Target target : CONSEQUENCES) {
            row(target, statistics, "not calibrated");
        }
    }

    private static void row(Target target, GeneratedStatistics statistics, String tolerance) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", target.statistic(), target.source(),
                format(target.sourceFigure()), format(target.measure().applyAsDouble(statistics)), tolerance);
    }

    private static String format(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
