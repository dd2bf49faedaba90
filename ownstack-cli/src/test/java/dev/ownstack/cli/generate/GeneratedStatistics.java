package dev.ownstack.cli.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibrated statistics measured on a generated directory the same way they were measured on
 * the source data: orders per buying person and days between a person's order dates (CDNOW),
 * basket, price and reversal figures per order or line (UCI Online Retail).
 */
record GeneratedStatistics(
        double[] ordersPerBuyer,
        double[] gapDays,
        double[] linesPerOrder,
        double[] quantityPerLine,
        double[] unitPrice,
        double[] orderTotal,
        double reversalRate,
        double fullReversalShare) {

    static GeneratedStatistics of(Path directory) {
        Map<String, String> personByAccount = new HashMap<>();
        for (List<String> row : CsvTable.read(directory.resolve(OutputFiles.TRUTH)).rows()) {
            if (row.get(0).equals(ContactSources.SHOP_SOURCE)) {
                personByAccount.put(row.get(1), row.get(2));
            }
        }
        CsvTable orders = CsvTable.read(directory.resolve(OutputFiles.ORDERS));
        Map<String, List<LocalDate>> datesByPerson = new HashMap<>();
        List<Double> totals = new ArrayList<>();
        int reversed = 0;
        int fullyReversed = 0;
        for (List<String> row : orders.rows()) {
            String person = personByAccount.get(orders.value(row, "customer_id"));
            datesByPerson.computeIfAbsent(person, key -> new ArrayList<>())
                    .add(LocalDate.parse(orders.value(row, "ordered_at").substring(0, 10)));
            totals.add(Double.parseDouble(orders.value(row, "total")));
            String status = orders.value(row, "status");
            if (!status.equals("completed")) {
                reversed++;
                if (!status.equals("partially_refunded")) {
                    fullyReversed++;
                }
            }
        }
        List<Double> counts = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (List<LocalDate> dates : datesByPerson.values()) {
            List<LocalDate> days = dates.stream().distinct().sorted().toList();
            counts.add((double) days.size());
            for (int index = 1; index < days.size(); index++) {
                gaps.add((double) (days.get(index).toEpochDay() - days.get(index - 1).toEpochDay()));
            }
        }
        CsvTable items = CsvTable.read(directory.resolve(OutputFiles.ORDER_ITEMS));
        Map<String, Integer> linesByOrder = new HashMap<>();
        List<Double> quantities = new ArrayList<>(items.size());
        List<Double> prices = new ArrayList<>(items.size());
        for (List<String> row : items.rows()) {
            linesByOrder.merge(items.value(row, "order_id"), 1, Integer::sum);
            quantities.add(Double.parseDouble(items.value(row, "quantity")));
            prices.add(Double.parseDouble(items.value(row, "unit_price")));
        }
        return new GeneratedStatistics(sorted(counts), sorted(gaps),
                sorted(linesByOrder.values().stream().map(Integer::doubleValue).toList()), sorted(quantities),
                sorted(prices), sorted(totals), reversed / (double) orders.size(),
                reversed == 0 ? 0 : fullyReversed / (double) reversed);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The value at rank floor(p * n), as the source figures were taken. */
    static double quantile(double[] sortedValues, double probability) {
        return sortedValues[Math.min(sortedValues.length - 1, (int) (probability * sortedValues.length))];
    }

    static double share(double[] values, double value) {
        return Arrays.stream(values).filter(candidate -> candidate == value).count() / (double) values.length;
    }

    static double shareAtMost(double[] values, double limit) {
        return Arrays.stream(values).filter(candidate -> candidate <= limit + 1e-9).count() / (double) values.length;
    }

    private static double[] sorted(List<Double> values) {
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
