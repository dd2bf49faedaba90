package dev.ownstack.activation.audience;

import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the audience compiler may refer to, read from the warehouse: the columns of
 * {@code model.customers} (traits), the score columns of {@code model.customer_scores} (score
 * traits), the columns of {@code model.events} and {@code model.transactions}, and every event
 * name with the properties its events carry. A table that does not exist has no columns.
 * Immutable; read it again after the models are rebuilt or scored.
 *
 * <p>A trait name is looked up in {@code model.customers} first: a score column of the same name
 * is hidden by it ({@link #scoreTrait} does not return it, {@link #notes} says so).
 */
public record ModelCatalog(List<Column> customerColumns, List<Column> eventColumns, List<Column> transactionColumns,
                           Map<String, EventInfo> events, List<ScoreTrait> scoreTraits) {
    public static final TableName CUSTOMERS = new TableName("model", "customers");
    public static final TableName EVENTS = new TableName("model", "events");
    public static final TableName TRANSACTIONS = new TableName("model", "transactions");
    /** One row per scored customer, one column per model output ({@code churn_decile}); written by the insights module. */
    public static final TableName CUSTOMER_SCORES = new TableName("model", "customer_scores");
    /** Which model owns which column of {@link #CUSTOMER_SCORES}: model, column_name, output, type, version, scored_at. */
    public static final TableName SCORE_COLUMNS = new TableName(TableName.OWNSTACK_SCHEMA, "score_columns");

    public ModelCatalog {
        customerColumns = List.copyOf(customerColumns);
        eventColumns = List.copyOf(eventColumns);
        transactionColumns = List.copyOf(transactionColumns);
        events = Collections.unmodifiableMap(new TreeMap<>(events));
        scoreTraits = List.copyOf(scoreTraits);
    }

    /** A catalog without score traits. */
    public ModelCatalog(List<Column> customerColumns, List<Column> eventColumns, List<Column> transactionColumns, Map<String, EventInfo> events) {
        this(customerColumns, eventColumns, transactionColumns, events, List.of());
    }

    /**
     * Reads the catalog: three catalog lookups, one pass over {@code model.events} grouping by
     * event name, and one over the events' {@code properties} for their keys and types.
     */
    public static ModelCatalog read(Warehouse warehouse) {
        List<Column> customers = warehouse.describe(CUSTOMERS).orElse(List.of());
        List<Column> events = warehouse.describe(EVENTS).orElse(List.of());
        List<Column> transactions = warehouse.describe(TRANSACTIONS).orElse(List.of());
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Map<String, PropertyInfo>> properties = new LinkedHashMap<>();
        if (has(events, "event")) {
            String event = warehouse.dialect().quote("event");
            QueryResult names = warehouse.queryAll("SELECT " + event + ", count(*) FROM " + warehouse.dialect().table(EVENTS)
                    + " WHERE " + event + " IS NOT NULL GROUP BY " + event);
            for (Object[] row : names.rows()) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
                properties.put((String) row[0], new TreeMap<>());
            }
            if (has(events, "properties")) {
                QueryResult keys = warehouse.queryAll(warehouse.dialect().jsonKeyTypes(EVENTS, "event", "properties"));
                for (Object[] row : keys.rows()) {
                    Map<String, PropertyInfo> ofEvent = properties.computeIfAbsent((String) row[0], name -> new TreeMap<>());
                    JsonType type = JsonType.valueOf(((String) row[2]).toUpperCase(Locale.ROOT));
                    long rows = ((Number) row[3]).longValue();
                    ofEvent.merge((String) row[1], new PropertyInfo((String) row[1], EnumSet.of(type), rows), PropertyInfo::merge);
                }
            }
        }
        Map<String, EventInfo> infos = new LinkedHashMap<>();
        counts.forEach((name, count) -> infos.put(name, new EventInfo(name, count, properties.get(name))));
        return new ModelCatalog(customers, events, transactions, infos, ScoreTrait.read(warehouse));
    }

    public Optional<Column> customerColumn(String name) {
        return find(customerColumns, name);
    }

    /** The score trait of this name, unless {@code model.customers} has a column of that name (which wins). */
    public Optional<ScoreTrait> scoreTrait(String name) {
        if (customerColumn(name).isPresent()) {
            return Optional.empty();
        }
        return scoreTraits.stream().filter(trait -> trait.name().equals(name)).findFirst();
    }

    /** The score traits rules can use: those whose name {@code model.customers} does not take. */
    public List<ScoreTrait> visibleScoreTraits() {
        return scoreTraits.stream().filter(trait -> customerColumn(trait.name()).isEmpty()).toList();
    }

    /** What users should know about the catalog: score columns hidden by a column of {@code model.customers}. */
    public List<String> notes() {
        return scoreTraits.stream().filter(trait -> customerColumn(trait.name()).isPresent())
                .map(trait -> "score trait \"" + trait.name() + "\"" + trait.origin() + " is hidden by the column of model.customers of"
                        + " that name: rules compare model.customers." + trait.name() + "; rename the model or the customer column")
                .toList();
    }

    /**
     * Every trait name a rule can compare: the columns of {@code model.customers}, then the
     * visible score traits.
     */
    public List<String> traitNames() {
        List<String> names = new ArrayList<>(customerColumns.stream().map(Column::name).toList());
        visibleScoreTraits().forEach(trait -> names.add(trait.name()));
        return names;
    }

    /** The trait of this name: a column of {@code model.customers}, else a score trait. */
    public Optional<Trait> trait(String name) {
        Optional<Column> column = customerColumn(name);
        if (column.isPresent()) {
            return Optional.of(new Trait(column.get(), false));
        }
        return scoreTrait(name).map(score -> new Trait(score.column(), true));
    }

    /**
     * The traits there are, for messages:
     * {@code model.customers has customer_id, country; model.customer_scores has churn_decile (score of model churn, version 3)}.
     */
    public String describeTraits() {
        String customers = customerColumns.isEmpty() ? "there is no model.customers (build the models first: ownstack build)"
                : "model.customers has " + String.join(", ", customerColumns.stream().map(Column::name).toList());
        List<ScoreTrait> scores = visibleScoreTraits();
        return scores.isEmpty() ? customers : customers + "; model.customer_scores has "
                + String.join(", ", scores.stream().map(score -> score.name() + score.origin()).toList());
    }

    /**
     * A trait as queries over a {@link CompiledAudience} read it: a column of {@code model.customers}
     * (alias {@code c}) or of {@code model.customer_scores} (alias {@code s}, joined by
     * {@link CompiledAudience#fromWithScores}).
     */
    public record Trait(Column column, boolean score) {
        public Trait {
            Objects.requireNonNull(column, "column");
        }

        public String name() {
            return column.name();
        }

        /** {@code c."country"} or {@code s."churn_decile"}. */
        public String expression(SqlDialect dialect) {
            return (score ? CompiledAudience.SCORES_ALIAS : CompiledAudience.CUSTOMERS_ALIAS) + "." + dialect.quote(column.name());
        }
    }

    public Optional<Column> eventColumn(String name) {
        return find(eventColumns, name);
    }

    public Optional<Column> transactionColumn(String name) {
        return find(transactionColumns, name);
    }

    public Optional<EventInfo> event(String name) {
        return Optional.ofNullable(events.get(name));
    }

    private static Optional<Column> find(List<Column> columns, String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    private static boolean has(List<Column> columns, String name) {
        return find(columns, name).isPresent();
    }

    /** An event name of {@code model.events}: how many events have it and the keys of their {@code properties}. */
    public record EventInfo(String name, long count, Map<String, PropertyInfo> properties) {
        public EventInfo {
            Objects.requireNonNull(name, "name");
            properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        }

        public Optional<PropertyInfo> property(String key) {
            return Optional.ofNullable(properties.get(key));
        }
    }

    /**
     * A key of the events' {@code properties}: the JSON types its values have (more than one when
     * events disagree) and how many events have it.
     */
    public record PropertyInfo(String name, Set<JsonType> types, long count) {
        public PropertyInfo {
            Objects.requireNonNull(name, "name");
            types = Collections.unmodifiableSet(types.isEmpty() ? EnumSet.noneOf(JsonType.class) : EnumSet.copyOf(types));
        }

        PropertyInfo merge(PropertyInfo other) {
            EnumSet<JsonType> union = EnumSet.copyOf(types);
            union.addAll(other.types);
            return new PropertyInfo(name, union, count + other.count);
        }
    }

    /** The types of JSON values. */
    public enum JsonType {
        STRING, NUMBER, BOOLEAN, OBJECT, ARRAY, NULL;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
