package dev.ownstack.server.audiences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.ModelCatalog.EventInfo;
import dev.ownstack.activation.audience.ModelCatalog.JsonType;
import dev.ownstack.activation.audience.ModelCatalog.PropertyInfo;
import dev.ownstack.activation.audience.ScoreTrait;
import dev.ownstack.activation.audience.ValueKind;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.core.config.audiences.EventCount;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.TransactionCondition;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.server.audiences.AudienceApi.Workspace;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/catalog}: what an audience rule can refer to, for the audience builder's
 * pickers: the traits with their kinds (and a few frequent values of text traits), the score
 * traits, the events with their properties (types and frequent values), the transactions' columns
 * and types, the saved audiences, the operators each kind of value takes, and the window units.
 * The model part comes from the cached {@link ModelCatalog} and its samples are kept with it (read
 * again when the cache reads the catalog again); the audiences are read on every request.
 */
public final class CatalogEndpoint {
    /** Days per unit of a time window; rules count windows in days. */
    private static final Map<String, Integer> WINDOW_UNITS = Map.of("days", 1, "weeks", 7);

    private final AudienceApi api;
    private Cached cached;

    /** The model part of the answer, for the catalog it was made from (the cache returns the same instance until it reads again). */
    private record Cached(ModelCatalog catalog, ObjectNode model) {
    }

    public CatalogEndpoint(AudienceApi api) {
        this.api = api;
    }

    public void get(Context context) {
        try (Workspace workspace = api.open()) {
            ModelCatalog catalog = workspace.context().catalog();
            ObjectNode body = model(workspace, catalog).deepCopy();
            body.set("asOf", ApiJson.value(workspace.context().asOf()));
            ArrayNode audiences = body.putArray("audiences");
            for (StoredAudience audience : workspace.store.list()) {
                audiences.addObject().put("name", audience.name()).put("origin", audience.origin().text())
                        .put("description", audience.definition().description());
            }
            body.set("operators", operators());
            ArrayNode counts = body.putArray("countOperators");
            for (EventCount.Operator operator : EventCount.Operator.values()) {
                counts.add(operator.jsonName());
            }
            ArrayNode measures = body.putArray("transactionMeasures");
            for (TransactionCondition.Measure measure : TransactionCondition.Measure.values()) {
                measures.add(measure.jsonName());
            }
            ArrayNode units = body.putArray("windowUnits");
            WINDOW_UNITS.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(unit -> units.addObject().put("name", unit.getKey()).put("days", unit.getValue()));
            ApiJson.write(context, 200, body);
        }
    }

    private ObjectNode model(Workspace workspace, ModelCatalog catalog) {
        synchronized (this) {
            if (cached != null && cached.catalog() == catalog) {
                return cached.model();
            }
        }
        ObjectNode model = read(new CatalogSamples(workspace.warehouse), catalog);
        synchronized (this) {
            cached = new Cached(catalog, model);
        }
        return model;
    }

    private static ObjectNode read(CatalogSamples samples, ModelCatalog catalog) {
        ObjectNode body = ApiJson.NODES.objectNode();
        Map<String, List<JsonNode>> traitValues = samples.textValues(ModelCatalog.CUSTOMERS, text(catalog.customerColumns()));
        ArrayNode traits = body.putArray("traits");
        for (Column column : catalog.customerColumns()) {
            column(traits.addObject(), column).set("values", list(traitValues.getOrDefault(column.name(), List.of())));
        }
        ArrayNode scores = body.putArray("scoreTraits");
        for (ScoreTrait trait : catalog.visibleScoreTraits()) {
            column(scores.addObject(), trait.column()).put("model", trait.model()).put("version", trait.version());
        }
        ArrayNode events = body.putArray("events");
        boolean hasProperties = catalog.eventColumn("properties").isPresent();
        for (EventInfo event : catalog.events().values()) {
            ObjectNode item = events.addObject().put("name", event.name()).put("count", event.count());
            Map<String, List<JsonNode>> propertyValues = hasProperties && !event.properties().isEmpty()
                    ? samples.propertyValues(event.name()) : Map.of();
            ArrayNode properties = item.putArray("properties");
            for (PropertyInfo property : event.properties().values()) {
                ObjectNode entry = properties.addObject().put("name", property.name()).put("count", property.count());
                ArrayNode types = entry.putArray("types");
                property.types().forEach(type -> types.add(type.jsonName()));
                ArrayNode kinds = entry.putArray("kinds");
                propertyKinds(property.types()).forEach(kind -> kinds.add(kind(kind)));
                entry.set("values", list(propertyValues.getOrDefault(property.name(), List.of())));
            }
        }
        ObjectNode transactions = body.putObject("transactions");
        ArrayNode columns = transactions.putArray("columns");
        catalog.transactionColumns().forEach(column -> column(columns.addObject(), column));
        List<Column> typeColumn = catalog.transactionColumn("type").filter(column -> column.type() == ColumnType.STRING).stream().toList();
        transactions.set("types", list(samples.textValues(ModelCatalog.TRANSACTIONS, typeColumn).getOrDefault("type", List.of())));
        return body;
    }

    private static ObjectNode column(ObjectNode node, Column column) {
        return node.put("name", column.name()).put("type", column.type().configName()).put("kind", kind(ValueKind.of(column.type())));
    }

    private static List<Column> text(List<Column> columns) {
        return columns.stream().filter(column -> column.type() == ColumnType.STRING).toList();
    }

    private static ArrayNode list(Collection<JsonNode> values) {
        ArrayNode list = ApiJson.NODES.arrayNode();
        values.forEach(list::add);
        return list;
    }

    /** The kinds whose operators a property condition takes, by the JSON types the property holds (the compiler's rule). */
    static Set<ValueKind> propertyKinds(Set<JsonType> types) {
        Set<ValueKind> kinds = new LinkedHashSet<>();
        for (JsonType type : types) {
            switch (type) {
                case STRING -> {
                    kinds.add(ValueKind.TEXT);
                    kinds.add(ValueKind.ISO_TEXT);
                }
                case NUMBER -> kinds.add(ValueKind.NUMBER);
                case BOOLEAN -> kinds.add(ValueKind.BOOLEAN);
                default -> {
                }
            }
        }
        kinds.add(ValueKind.OTHER);
        return kinds;
    }

    /** The operators of each kind of value; {@code measure} for transaction counts, sums and averages. */
    private static ObjectNode operators() {
        ObjectNode node = ApiJson.NODES.objectNode();
        for (ValueKind kind : ValueKind.values()) {
            if (kind != ValueKind.TIMESTAMPTZ) {
                node.set(kind(kind), names(kind.operators()));
            }
        }
        Set<Operator> measure = EnumSet.copyOf(ValueKind.NUMBER.operators());
        measure.removeAll(List.of(Operator.IS_SET, Operator.IS_NOT_SET));
        node.set("measure", names(measure));
        return node;
    }

    private static ArrayNode names(Collection<Operator> operators) {
        ArrayNode list = ApiJson.NODES.arrayNode();
        new ArrayList<>(operators).forEach(operator -> list.add(operator.jsonName()));
        return list;
    }

    /** The kind as the API spells it: text, number, boolean, date, time (with or without zone), iso-time (ISO-8601 text), json. */
    static String kind(ValueKind kind) {
        return switch (kind) {
            case TEXT, NUMBER, BOOLEAN, DATE -> kind.name().toLowerCase(Locale.ROOT);
            case TIMESTAMP, TIMESTAMPTZ -> "time";
            case ISO_TEXT -> "iso-time";
            case OTHER -> "json";
        };
    }
}
