package dev.ownstack.model.traits;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.models.ActivityTable;
import dev.ownstack.core.config.models.Trait;
import dev.ownstack.core.config.models.TraitFilter;
import dev.ownstack.core.config.models.TraitFunction;
import dev.ownstack.core.table.ColumnType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns computed traits into SQL over the built {@code model.transactions} and {@code model.events}.
 * Aggregates of one table are computed in one pass grouped by customer, each with its own
 * {@code FILTER (WHERE ...)}, together with the customer's first and last row there;
 * {@code first} and {@code last} pick one row per customer with {@code ROW_NUMBER()}. Windows run from {@code within} before the as-of time (exclusive) to the
 * as-of time (inclusive).
 */
public final class TraitSql {
    private static final String ROW = "x";
    private static final String FIRST_SEEN = "first_seen";
    private static final String LAST_SEEN = "last_seen";

    private final Expressions sql;
    private final LocalDateTime asOf;

    public TraitSql(Expressions sql, LocalDateTime asOf) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * Checks every trait against the columns of the table it reads; each problem names the trait's
     * path. A trait of a table that is neither built nor {@code absent} (with the reason) is
     * skipped: that table has problems of its own.
     */
    public static void check(List<Trait> traits, Map<ActivityTable, ActivityRows> tables, Map<ActivityTable, String> absent,
                             ConfigProblems problems) {
        for (Trait trait : traits) {
            String path = "models.traits." + trait.name();
            ActivityRows rows = tables.get(trait.table());
            if (rows == null) {
                if (absent.containsKey(trait.table())) {
                    problems.add(path + ".of", "reads " + trait.table().configName() + ", but model." + trait.table().configName()
                            + " is not built: " + absent.get(trait.table()));
                }
                continue;
            }
            trait.column().ifPresent(ref -> checkColumn(path + ".of", trait, ref, rows, problems));
            for (TraitFilter filter : trait.filters()) {
                if (rows.type(filter.column().column()).isEmpty()) {
                    problems.add(path + ".where." + filter.column(), missing(rows, filter.column().column()));
                }
            }
        }
    }

    private static void checkColumn(String path, Trait trait, ColumnRef ref, ActivityRows rows, ConfigProblems problems) {
        Optional<ColumnType> columnType = rows.type(ref.column());
        if (columnType.isEmpty()) {
            problems.add(path, missing(rows, ref.column()));
            return;
        }
        ColumnType type = Expressions.valueType(ref, columnType.get());
        String refused = switch (trait.function()) {
            case SUM, AVERAGE -> type.isNumeric() || !ref.jsonPath().isEmpty() ? null : "a numeric column";
            case MIN, MAX -> type == ColumnType.JSON || type == ColumnType.BOOLEAN ? "a column of values that sort" : null;
            case DAYS_SINCE -> Expressions.isTime(type) ? null : "a timestamp column";
            case COUNT, DISTINCT_COUNT, FIRST, LAST -> null;
        };
        if (refused != null) {
            problems.add(path, trait.function().configName() + " needs " + refused + "; " + trait.of() + " is "
                    + columnType.get().configName());
        }
    }

    private static String missing(ActivityRows rows, String column) {
        return "model." + rows.kind().configName() + " has no column '" + column + "' (it has " + rows.columnList() + ")";
    }

    /** The type of the column a trait becomes in {@code model.customers}. */
    public static ColumnType resultType(Trait trait, ActivityRows rows) {
        return switch (trait.function()) {
            case COUNT, DISTINCT_COUNT, DAYS_SINCE -> ColumnType.BIGINT;
            case SUM, AVERAGE -> ColumnType.DECIMAL;
            case MIN, MAX, FIRST, LAST -> {
                ColumnRef ref = trait.column().orElseThrow();
                yield Expressions.valueType(ref, rows.type(ref.column()).orElseThrow());
            }
        };
    }

    /**
     * The parts of the customers query that compute {@code traits} (already checked) for the
     * customer whose id is {@code customerId} (an expression of the main query), and each
     * customer's earliest and latest row of every table in {@code tables}. Each table is read in
     * one pass grouped by customer for both (its aggregates are named by position, so that a trait
     * may have any name); only {@code first} and {@code last} read it again.
     */
    public TraitQuery query(List<Trait> traits, Map<ActivityTable, ActivityRows> tables, String customerId) {
        List<String> with = new ArrayList<>();
        List<String> joins = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> firstSeen = new ArrayList<>();
        List<String> lastSeen = new ArrayList<>();
        for (ActivityTable table : ActivityTable.values()) {
            ActivityRows rows = tables.get(table);
            if (rows != null) {
                String name = "traits_" + table.configName();
                with.add(name + " AS (" + aggregates(rows, traits) + ")");
                joins.add("LEFT JOIN " + name + " ON " + name + "." + sql.quote("customer_id") + " = " + customerId);
                firstSeen.add(name + "." + sql.quote(FIRST_SEEN));
                lastSeen.add(name + "." + sql.quote(LAST_SEEN));
            }
        }
        int picked = 0;
        for (int i = 0; i < traits.size(); i++) {
            Trait trait = traits.get(i);
            ActivityRows rows = tables.get(trait.table());
            String value;
            if (trait.function() == TraitFunction.FIRST || trait.function() == TraitFunction.LAST) {
                String source = "trait_" + ++picked;
                with.add(source + " AS (" + pick(rows, trait) + ")");
                joins.add("LEFT JOIN " + source + " ON " + source + "." + sql.quote("customer_id") + " = " + customerId);
                value = source + "." + sql.quote(trait.name());
            } else {
                value = "traits_" + trait.table().configName() + "." + sql.quote(aggregateColumn(i));
            }
            String column = switch (trait.function()) {
                case COUNT, DISTINCT_COUNT, SUM -> "COALESCE(" + value + ", 0)";
                default -> value;
            };
            columns.add(sql.cast(column, resultType(trait, rows)) + " AS " + sql.quote(trait.name()));
        }
        return new TraitQuery(with, joins, columns, firstSeen, lastSeen);
    }

    /** The table's rows with a customer, grouped by customer: their earliest and latest times, and the aggregated traits of the table. */
    private String aggregates(ActivityRows rows, List<Trait> traits) {
        List<String> select = new ArrayList<>();
        select.add(sql.column(ROW, "customer_id"));
        String time = sql.column(ROW, rows.timeColumn());
        select.add("min(" + time + ") AS " + sql.quote(FIRST_SEEN));
        select.add("max(" + time + ") AS " + sql.quote(LAST_SEEN));
        for (int i = 0; i < traits.size(); i++) {
            Trait trait = traits.get(i);
            if (trait.table() == rows.kind() && trait.function() != TraitFunction.FIRST && trait.function() != TraitFunction.LAST) {
                select.add(aggregate(rows, trait) + " AS " + sql.quote(aggregateColumn(i)));
            }
        }
        return "SELECT " + String.join(", ", select) + " FROM " + sql.dialect().table(rows.table()) + " " + ROW
                + " WHERE " + sql.column(ROW, "customer_id") + " IS NOT NULL GROUP BY " + sql.column(ROW, "customer_id");
    }

    private static String aggregateColumn(int traitIndex) {
        return "trait_" + (traitIndex + 1);
    }

    private String aggregate(ActivityRows rows, Trait trait) {
        String filter = conditions(rows, trait).map(condition -> " FILTER (WHERE " + condition + ")").orElse("");
        if (trait.column().isEmpty()) {
            return "count(*)" + filter;
        }
        String value = value(trait.column().get());
        return switch (trait.function()) {
            case COUNT -> "count(" + value + ")" + filter;
            case DISTINCT_COUNT -> "count(DISTINCT " + value + ")" + filter;
            case SUM -> "sum(" + sql.cast(value, ColumnType.DECIMAL) + ")" + filter;
            case AVERAGE -> "avg(" + sql.cast(value, ColumnType.DECIMAL) + ")" + filter;
            case MIN -> "min(" + value + ")" + filter;
            case MAX -> "max(" + value + ")" + filter;
            case DAYS_SINCE -> daysSince("max(" + timestamp(rows, trait.column().get()) + ")" + filter);
            case FIRST, LAST -> throw new IllegalArgumentException(trait.function() + " is not an aggregate");
        };
    }

    /** Whole days from the latest time to the as-of time; negative when the time is later. */
    private String daysSince(String latest) {
        return "FLOOR((EXTRACT(EPOCH FROM " + sql.timestamp(asOf) + ") - EXTRACT(EPOCH FROM " + latest + ")) / 86400)";
    }

    private String pick(ActivityRows rows, Trait trait) {
        String value = value(trait.column().orElseThrow());
        String direction = trait.function() == TraitFunction.FIRST ? " ASC" : " DESC";
        List<String> where = new ArrayList<>();
        where.add(sql.column(ROW, "customer_id") + " IS NOT NULL");
        where.add(value + " IS NOT NULL");
        conditions(rows, trait).ifPresent(where::add);
        return "SELECT " + sql.quote("customer_id") + ", " + sql.quote("value") + " AS " + sql.quote(trait.name()) + " FROM (SELECT "
                + sql.column(ROW, "customer_id") + ", " + value + " AS " + sql.quote("value")
                + ", ROW_NUMBER() OVER (PARTITION BY " + sql.column(ROW, "customer_id") + " ORDER BY "
                + sql.column(ROW, rows.timeColumn()) + direction + " NULLS LAST, " + sql.column(ROW, rows.idColumn()) + direction
                + " NULLS LAST) AS pick FROM " + sql.dialect().table(rows.table()) + " " + ROW
                + " WHERE " + String.join(" AND ", where) + ") picked WHERE pick = 1";
    }

    private Optional<String> conditions(ActivityRows rows, Trait trait) {
        List<String> conditions = new ArrayList<>();
        for (TraitFilter filter : trait.filters()) {
            conditions.add(sql.text(value(filter.column())) + " IN (" + sql.literals(filter.values()) + ")");
        }
        trait.within().ifPresent(window -> {
            String time = sql.column(ROW, rows.timeColumn());
            LocalDateTime start = asOf.toInstant(ZoneOffset.UTC).minus(window).atOffset(ZoneOffset.UTC).toLocalDateTime();
            conditions.add(time + " > " + sql.timestamp(start) + " AND " + time + " <= " + sql.timestamp(asOf));
        });
        return conditions.isEmpty() ? Optional.empty() : Optional.of(String.join(" AND ", conditions));
    }

    private String value(ColumnRef ref) {
        return sql.value(ROW, ref);
    }

    private String timestamp(ActivityRows rows, ColumnRef ref) {
        ColumnType type = Expressions.valueType(ref, rows.type(ref.column()).orElseThrow());
        return sql.timestamp(value(ref), type);
    }
}
