package dev.ownstack.activation.audience.preview;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One query per breakdown. The members' values are materialised once ({@code m}); then either
 * the values are counted and ranked ({@code ROW_NUMBER()} by count, then value), or each value
 * falls in the range of width {@code step} below it, where the step is the smallest round width
 * (1, 2 or 5 times a power of ten; for times 1, 3, 12, 24, 60, ... months) that fits the members'
 * values in the buckets asked for. Times become whole months since year 0, so a month, a quarter
 * or some years are ranges like numbers. Ranges are found with exact DECIMAL arithmetic (a
 * remainder, never a division, which DuckDB does in doubles), so every engine puts a value in the
 * same range and 0.6 lies in [0.6, 0.8), not below it.
 */
final class BreakdownSql {
    private static final List<BigDecimal> NUMBER_STEPS = numberSteps();
    private static final List<Long> MONTH_STEPS = List.of(1L, 3L, 12L, 24L, 60L, 120L, 240L, 600L, 1200L, 2400L, 6000L, 12000L, 24000L);

    private final Warehouse warehouse;
    private final SqlDialect dialect;
    private final CompiledAudience audience;
    private final String from;

    /** {@code from}: the audience's {@code from}, or with the scores joined when the value is a score trait. */
    BreakdownSql(Warehouse warehouse, CompiledAudience audience, String from) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.audience = audience;
        this.from = from;
    }

    /** {@code value}: the column as {@code from} reads it ({@code c."country"}, {@code s."churn_decile"}). */
    Breakdown run(Column column, String value, int buckets) {
        return switch (column.type()) {
            case STRING, BOOLEAN -> values(column.name(), value, buckets);
            case BIGINT -> numbers(column.name(), value, NUMBER_STEPS.stream().filter(step -> step.compareTo(BigDecimal.ONE) >= 0).toList(),
                    buckets);
            case DOUBLE, DECIMAL -> numbers(column.name(), value, NUMBER_STEPS, buckets);
            case DATE, TIMESTAMP, TIMESTAMPTZ -> times(column.name(), value, buckets);
            case JSON -> throw new OwnstackException(ErrorCode.INPUT_INVALID, "breakdown.trait: " + column.name()
                    + " holds JSON; break down by a column of text, numbers, booleans or times");
        };
    }

    private String members(String valueExpression) {
        return "WITH m AS MATERIALIZED (SELECT " + valueExpression + " AS v FROM " + from + " WHERE " + audience.predicate() + ")";
    }

    private Breakdown values(String trait, String value, int buckets) {
        String sql = members(value) + ", g AS (SELECT v, count(*) AS n FROM m GROUP BY v)"
                + ", r AS (SELECT v, n, ROW_NUMBER() OVER (ORDER BY n DESC, v) AS place FROM g WHERE v IS NOT NULL)"
                + " SELECT 'value' AS kind, v, n, 1 AS folded, place FROM r WHERE place <= ?"
                + " UNION ALL SELECT 'other', NULL, sum(n), count(*), NULL FROM r WHERE place > ?"
                + " UNION ALL SELECT 'missing', NULL, n, 1, NULL FROM g WHERE v IS NULL";
        List<Object> parameters = new ArrayList<>(audience.parameters());
        parameters.add(buckets);
        parameters.add(buckets);
        List<Object[]> rows = new ArrayList<>(warehouse.queryAll(sql, parameters.toArray()).rows());
        rows.sort(Comparator.comparingLong(row -> row[4] == null ? Long.MAX_VALUE : ((Number) row[4]).longValue()));
        List<Breakdown.Bucket> values = new ArrayList<>();
        List<Breakdown.Bucket> rest = new ArrayList<>();
        for (Object[] row : rows) {
            long count = AudiencePreview.number(row[2]);
            switch ((String) row[0]) {
                case "value" -> values.add(new Breakdown.Value(row[1], count));
                case "other" -> {
                    if (count > 0) {
                        rest.add(0, new Breakdown.Other(AudiencePreview.number(row[3]), count));
                    }
                }
                default -> rest.add(new Breakdown.Missing(count));
            }
        }
        List<Breakdown.Bucket> all = new ArrayList<>(values);
        all.addAll(rest);
        return breakdown(trait, "value", all);
    }

    private Breakdown numbers(String trait, String value, List<BigDecimal> steps, int buckets) {
        List<Object[]> rows = ranges(value, steps, buckets);
        List<Breakdown.Bucket> ranges = new ArrayList<>();
        String unit = "value";
        for (Object[] row : rows) {
            if (row[1] == null) {
                continue;
            }
            BigDecimal step = ((BigDecimal) row[2]).stripTrailingZeros();
            int scale = Math.max(0, step.scale());
            BigDecimal from = ((BigDecimal) row[1]).setScale(scale, RoundingMode.UNNECESSARY);
            ranges.add(new Breakdown.Range(from, from.add(step).setScale(scale, RoundingMode.UNNECESSARY), AudiencePreview.number(row[3])));
            unit = step.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
        }
        return breakdown(trait, unit, withMissing(ranges, rows));
    }

    private Breakdown times(String trait, String value, int buckets) {
        String month = "CAST(EXTRACT(YEAR FROM " + value + ") AS BIGINT) * 12 + CAST(EXTRACT(MONTH FROM " + value + ") AS BIGINT) - 1";
        List<Object[]> rows = ranges(month, MONTH_STEPS.stream().map(BigDecimal::valueOf).toList(), buckets);
        List<Breakdown.Bucket> ranges = new ArrayList<>();
        String unit = "month";
        for (Object[] row : rows) {
            if (row[1] == null) {
                continue;
            }
            long step = ((BigDecimal) row[2]).longValueExact();
            long from = ((BigDecimal) row[1]).longValueExact();
            ranges.add(new Breakdown.Range(monthStart(from), monthStart(from + step), AudiencePreview.number(row[3])));
            unit = monthUnit(step);
        }
        return breakdown(trait, unit, withMissing(ranges, rows));
    }

    /**
     * Rows (kind, lower bound, step, count), ordered by lower bound: one per range of values
     * {@code [lower, lower + step)}, then one for NULL values. All arithmetic is on DECIMAL(38, 9),
     * exact on every engine; doubles are rounded to 9 places first.
     */
    private List<Object[]> ranges(String valueExpression, List<BigDecimal> steps, int buckets) {
        String decimal = dialect.typeName(ColumnType.DECIMAL);
        String sql = members("CAST(" + valueExpression + " AS " + decimal + ")") + ", r AS (SELECT min(v) AS lo, max(v) AS hi FROM m)"
                + ", s AS (SELECT COALESCE(min(steps.step), CAST(? AS " + decimal + ")) AS step FROM (SELECT CAST(step AS " + decimal
                + ") AS step FROM (VALUES " + String.join(", ", Collections.nCopies(steps.size(), "(?)")) + ") AS t(step)) AS steps"
                + " CROSS JOIN r WHERE " + lowerBound("r.hi", "steps.step") + " - " + lowerBound("r.lo", "steps.step") + " < ? * steps.step)"
                + ", ranged AS (SELECT " + lowerBound("m.v", "s.step") + " AS lower, s.step AS step FROM m CROSS JOIN s WHERE m.v IS NOT NULL)"
                + " SELECT 'range' AS kind, lower, step, count(*) AS n FROM ranged GROUP BY lower, step"
                + " UNION ALL SELECT 'missing', NULL, NULL, count(*) FROM m WHERE m.v IS NULL";
        List<Object> parameters = new ArrayList<>(audience.parameters());
        parameters.add(steps.get(steps.size() - 1));
        parameters.addAll(steps);
        parameters.add(buckets);
        List<Object[]> rows = new ArrayList<>(warehouse.queryAll(sql, parameters.toArray()).rows());
        rows.sort(Comparator.comparing((Object[] row) -> (BigDecimal) row[1], Comparator.nullsLast(Comparator.naturalOrder())));
        return rows;
    }

    /** The multiple of {@code step} at or below {@code value}: {@code floor(value / step) * step} without dividing. */
    private static String lowerBound(String value, String step) {
        return "(" + value + " - mod(" + value + ", " + step + ") - CASE WHEN mod(" + value + ", " + step + ") < 0 THEN " + step + " ELSE 0 END)";
    }

    private static List<Breakdown.Bucket> withMissing(List<Breakdown.Bucket> ranges, List<Object[]> rows) {
        List<Breakdown.Bucket> all = new ArrayList<>(ranges);
        for (Object[] row : rows) {
            long count = AudiencePreview.number(row[3]);
            if (row[1] == null && count > 0) {
                all.add(new Breakdown.Missing(count));
            }
        }
        return all;
    }

    private static Breakdown breakdown(String trait, String unit, List<Breakdown.Bucket> buckets) {
        return new Breakdown(trait, unit, buckets.stream().mapToLong(Breakdown.Bucket::count).sum(), buckets);
    }

    private static LocalDate monthStart(long monthIndex) {
        return LocalDate.of((int) Math.floorDiv(monthIndex, 12), (int) Math.floorMod(monthIndex, 12) + 1, 1);
    }

    private static String monthUnit(long months) {
        if (months == 1) {
            return "month";
        }
        if (months == 3) {
            return "quarter";
        }
        long years = months / 12;
        return years == 1 ? "year" : years + " years";
    }

    /** 1, 2 and 5 times the powers of ten from 10^-6 to 10^20 (a hundred of the widest still fit DECIMAL(38, 9)). */
    private static List<BigDecimal> numberSteps() {
        List<BigDecimal> steps = new ArrayList<>();
        for (int exponent = -6; exponent <= 20; exponent++) {
            for (int mantissa : new int[] {1, 2, 5}) {
                steps.add(BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).setScale(9, RoundingMode.UNNECESSARY));
            }
        }
        return List.copyOf(steps);
    }
}
