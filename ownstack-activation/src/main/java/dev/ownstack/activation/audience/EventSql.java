package dev.ownstack.activation.audience;

import dev.ownstack.activation.audience.ModelCatalog.EventInfo;
import dev.ownstack.activation.audience.ModelCatalog.JsonType;
import dev.ownstack.activation.audience.ModelCatalog.PropertyInfo;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.EventCount;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.PropertyFilter;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles an event condition into the customers it selects ({@link CustomerSet}): EXISTS for
 * "at least once", {@code customer_id IN (... GROUP BY customer_id HAVING count(*) ...)} for other
 * counts, and NOT EXISTS for counts a customer without events meets (at most N) and for "did not
 * perform". The engines run each as one hash join over the events, never a subquery per customer.
 */
final class EventSql {
    private static final String ALIAS = "e";

    private final ModelCatalog catalog;
    private final SqlDialect dialect;
    private final TimeBounds time;
    private final Problems problems;
    private final ComparisonSql comparisons;

    EventSql(ModelCatalog catalog, SqlDialect dialect, TimeBounds time, Problems problems) {
        this.catalog = catalog;
        this.dialect = dialect;
        this.time = time;
        this.problems = problems;
        this.comparisons = new ComparisonSql(dialect, time, problems);
    }

    Optional<CustomerSet> compile(EventCondition rule, String path) {
        if (catalog.eventColumns().isEmpty()) {
            problems.add(path + ".event", "there is no model.events table; build the models with events first (ownstack build)");
            return Optional.empty();
        }
        for (String required : List.of("customer_id", "event")) {
            if (catalog.eventColumn(required).isEmpty()) {
                problems.add(path + ".event", "model.events has no " + required + " column");
                return Optional.empty();
            }
        }
        Optional<Column> timestamp = catalog.eventColumn("timestamp");
        if (!rule.window().equals(TimeWindow.ALL_TIME) && timestamp.isEmpty()) {
            problems.add(path, "model.events has no timestamp column to apply the window to");
            return Optional.empty();
        }
        Optional<EventInfo> event = catalog.event(rule.event());
        if (event.isEmpty()) {
            problems.add(path + ".event", "unknown event \"" + rule.event() + "\"; model.events has " + Names.list(catalog.events().keySet()));
            return Optional.empty();
        }
        List<Sql> conditions = new ArrayList<>();
        conditions.add(Sql.of(column("event") + " = ?", rule.event()));
        timestamp.flatMap(column -> time.window(column("timestamp"), column.type(), rule.window())).ifPresent(conditions::add);
        boolean ok = true;
        for (int i = 0; i < rule.where().size(); i++) {
            Optional<Predicate> filter = property(event.get(), rule.where().get(i), path + ".where[" + i + "]");
            ok &= filter.isPresent();
            filter.ifPresent(predicate -> conditions.add(predicate.sql().wrap("(", ")")));
        }
        if (!ok) {
            return Optional.empty();
        }
        CustomerSet performed = performed(Sql.join(" AND ", conditions), rule.count());
        return Optional.of(rule.performed() ? performed : performed.negate());
    }

    private CustomerSet performed(Sql conditions, EventCount count) {
        String events = dialect.table(ModelCatalog.EVENTS) + " AS " + ALIAS;
        String customer = column("customer_id");
        String outer = "c." + dialect.quote("customer_id");
        if (count.operator() == EventCount.Operator.AT_LEAST && count.value() == 0) {
            return CustomerSet.EVERYONE;
        }
        Sql anyEvent = conditions.wrap("SELECT DISTINCT " + customer + " FROM " + events + " WHERE " + customer + " IS NOT NULL AND ", "");
        Sql correlated = conditions.wrap("(SELECT 1 FROM " + events + " WHERE " + customer + " = " + outer + " AND ", ")");
        if (count.equals(EventCount.AT_LEAST_ONCE)) {
            return new CustomerSet(anyEvent, true, Predicate.of(correlated.prepend("EXISTS "), false));
        }
        if (count.value() == 0) {
            return new CustomerSet(anyEvent, false, Predicate.of(correlated.prepend("NOT EXISTS "), false));
        }
        if (count.includesZero()) {
            Sql tooMany = conditions.wrap("SELECT " + customer + " FROM " + events + " WHERE ", " GROUP BY " + customer + " HAVING count(*) > ")
                    .append(Sql.of("?", count.value()));
            return new CustomerSet(tooMany, false, Predicate.of(tooMany.wrap("NOT EXISTS (SELECT 1 FROM (", ") AS g WHERE g."
                    + dialect.quote("customer_id") + " = " + outer + ")"), false));
        }
        String having = count.operator() == EventCount.Operator.EXACTLY ? " = " : " >= ";
        Sql counted = conditions.wrap("SELECT " + customer + " FROM " + events + " WHERE " + customer + " IS NOT NULL AND ",
                " GROUP BY " + customer + " HAVING count(*)" + having).append(Sql.of("?", count.value()));
        return new CustomerSet(counted, true, Predicate.of(counted.wrap(outer + " IN (", ")"), false));
    }

    private Optional<Predicate> property(EventInfo event, PropertyFilter filter, String path) {
        if (catalog.eventColumn("properties").isEmpty()) {
            problems.add(path + ".property", "model.events has no properties column");
            return Optional.empty();
        }
        Optional<PropertyInfo> property = event.property(filter.property());
        String subject = "property \"" + filter.property() + "\" of event \"" + event.name() + "\"";
        if (property.isEmpty()) {
            problems.add(path + ".property", "event \"" + event.name() + "\" has no property \"" + filter.property() + "\"; its properties are "
                    + Names.list(event.properties().keySet()));
            return Optional.empty();
        }
        ValueKind kind = kind(filter);
        Optional<JsonType> needed = switch (kind) {
            case TEXT, ISO_TEXT -> Optional.of(JsonType.STRING);
            case NUMBER -> Optional.of(JsonType.NUMBER);
            case BOOLEAN -> Optional.of(JsonType.BOOLEAN);
            default -> Optional.empty();
        };
        if (needed.isPresent() && !property.get().types().contains(needed.get())) {
            String holds = subject + " holds " + Names.types(property.get().types());
            if (decidedByValue(filter.comparison().operator())) {
                RuleValue value = filter.comparison().value();
                problems.add(path + ".value", holds + "; " + value.describe() + " is " + ComparisonSql.article(value.typeName()));
            } else {
                problems.add(path + ".operator", filter.comparison().operator().jsonName() + " compares " + kind.description() + " but " + holds);
            }
            return Optional.empty();
        }
        String properties = column("properties");
        String expression = kind == ValueKind.NUMBER ? dialect.jsonNumber(properties, List.of(filter.property()))
                : dialect.jsonText(properties, List.of(filter.property()));
        return comparisons.compile(new ComparisonSql.Target(expression, kind, subject, true), filter.comparison(), path);
    }

    /** What a property condition compares, from its operator and, where the operator takes any type, its value. */
    private static ValueKind kind(PropertyFilter filter) {
        Operator operator = filter.comparison().operator();
        RuleValue first = filter.comparison().values().isEmpty() ? null : filter.comparison().value();
        return switch (operator) {
            case IS_SET, IS_NOT_SET -> ValueKind.OTHER;
            case CONTAINS, STARTS_WITH -> ValueKind.TEXT;
            case GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL -> ValueKind.NUMBER;
            case BEFORE, AFTER, WITHIN_LAST_DAYS, MORE_THAN_DAYS_AGO -> ValueKind.ISO_TEXT;
            case BETWEEN -> first instanceof RuleValue.Text ? ValueKind.ISO_TEXT : ValueKind.NUMBER;
            case EQUALS, NOT_EQUALS, IN, NOT_IN -> first instanceof RuleValue.Number ? ValueKind.NUMBER
                    : first instanceof RuleValue.Bool ? ValueKind.BOOLEAN : ValueKind.TEXT;
        };
    }

    private static boolean decidedByValue(Operator operator) {
        return operator == Operator.EQUALS || operator == Operator.NOT_EQUALS || operator == Operator.IN || operator == Operator.NOT_IN
                || operator == Operator.BETWEEN;
    }

    private String column(String name) {
        return ALIAS + "." + dialect.quote(name);
    }
}
