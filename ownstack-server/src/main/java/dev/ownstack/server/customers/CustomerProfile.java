package dev.ownstack.server.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.history.AudienceRun;
import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.models.CustomerAttribute;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.models.Trait;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.TableName;
import dev.ownstack.insights.scores.CustomerScores;
import dev.ownstack.model.identity.IdentityExplain;
import dev.ownstack.model.identity.IdentityTables;
import dev.ownstack.model.identity.ReportSection;
import dev.ownstack.model.master.ModelTables;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.warehouse.QueryResult;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One customer's whole picture, as the JSON of {@code GET /api/customers/{id}}: the golden record
 * ({@code model.customers}, each column with its type and whether it is an attribute, a trait or
 * built in), identities ({@code model.customer_identities}), the identity explanation
 * ({@link IdentityExplain}), scores ({@code model.customer_scores} with the model and version of
 * each column from {@code ownstack.score_columns}), the latest events and transactions, and the
 * audiences whose latest computed run has the customer. A table not built yet gives an empty
 * section. Immutable; the warehouse is the caller's.
 */
public final class CustomerProfile {
    /** Default and largest number of events and of transactions answered. */
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 200;


    private final Optional<IdentityConfig> identity;
    private final ModelsConfig models;
    private final Clock clock;

    public CustomerProfile(Optional<IdentityConfig> identity, ModelsConfig models, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The profile of {@code id}; an id identity resolution merged into another customer answers
     * that customer's profile with {@code merged_from} saying so.
     *
     * @param limit events and transactions answered, newest first
     * @throws OwnstackException NOT_FOUND naming the id when no customer has it and it was not merged
     */
    public ObjectNode read(Warehouse warehouse, String id, int limit) {
        Optional<List<Column>> columns = warehouse.describe(ModelTables.CUSTOMERS);
        if (columns.isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no customer has the id '" + id + "': model.customers does not exist yet"
                    + " (ownstack build makes it)");
        }
        SqlDialect dialect = warehouse.dialect();
        String customers = "SELECT * FROM " + dialect.table(ModelTables.CUSTOMERS) + " WHERE customer_id = ?";
        QueryResult row = warehouse.queryAll(customers, id);
        ObjectNode body = ApiJson.NODES.objectNode();
        String customerId = id;
        if (row.rows().isEmpty()) {
            Optional<Merges.Merge> merge = Merges.follow(warehouse, id);
            if (merge.isPresent()) {
                customerId = merge.get().customerId();
                row = warehouse.queryAll(customers, customerId);
            }
            if (merge.isEmpty() || row.rows().isEmpty()) {
                throw new OwnstackException(ErrorCode.NOT_FOUND, "no customer has the id '" + id + "'");
            }
            body.putObject("merged_from").put("customer_id", id).put("run_id", merge.get().runId())
                    .set("changed_at", ApiJson.value(merge.get().changedAt()));
        }
        body.put("customer_id", customerId);
        goldenRecord(body.putArray("golden_record"), columns.get(), row.rows().get(0), row);
        identities(warehouse, customerId, body.putArray("identities"));
        explain(warehouse, customerId, body.putArray("explain"));
        scores(warehouse, customerId, body.putArray("scores"));
        body.set("events", recent(warehouse, ModelTables.EVENTS, "timestamp", customerId, limit));
        body.set("transactions", recent(warehouse, ModelTables.TRANSACTIONS, "occurred_at", customerId, limit));
        audiences(warehouse, customerId, body.putArray("audiences"));
        return body;
    }

    private void goldenRecord(ArrayNode list, List<Column> columns, Object[] values, QueryResult result) {
        Set<String> attributes = models.attributes().stream().map(CustomerAttribute::name).collect(Collectors.toSet());
        Set<String> traits = models.traits().stream().map(Trait::name).collect(Collectors.toSet());
        Map<String, Column> byName = columns.stream().collect(Collectors.toMap(Column::name, column -> column, (a, b) -> a));
        for (int i = 0; i < values.length; i++) {
            String name = result.columns().get(i).name();
            Column column = byName.get(name);
            String kind = attributes.contains(name) ? "attribute" : traits.contains(name) ? "trait" : "built-in";
            ObjectNode item = list.addObject().put("name", name).put("type", column == null ? result.columns().get(i).engineType()
                    : column.type().configName()).put("kind", kind);
            item.set("value", ApiJson.value(values[i]));
        }
    }

    private static void identities(Warehouse warehouse, String customerId, ArrayNode list) {
        if (warehouse.describe(ModelTables.CUSTOMER_IDENTITIES).isEmpty()) {
            return;
        }
        for (Object[] row : warehouse.queryAll("SELECT key_name, key_value, source, record_id, status FROM "
                + warehouse.dialect().table(ModelTables.CUSTOMER_IDENTITIES) + " WHERE customer_id = ? ORDER BY key_name, key_value, source, record_id",
                customerId).rows()) {
            list.addObject().put("key", (String) row[0]).put("value", (String) row[1]).put("source", (String) row[2])
                    .put("record_id", (String) row[3]).put("status", (String) row[4]);
        }
    }

    /** The sections of {@link IdentityExplain}: records, keys, links, probabilistic links, dropped links, blocked values, id history. */
    private void explain(Warehouse warehouse, String customerId, ArrayNode list) {
        if (identity.isEmpty() || warehouse.describe(IdentityTables.RECORDS).isEmpty() || warehouse.describe(IdentityTables.MATCH_PAIRS).isEmpty()) {
            return;
        }
        for (ReportSection section : new IdentityExplain(identity.get()).explain(warehouse, customerId)) {
            ObjectNode item = list.addObject().put("title", section.title());
            section.columns().forEach(item.putArray("columns")::add);
            ArrayNode rows = item.putArray("rows");
            for (List<Object> row : section.rows()) {
                ArrayNode values = rows.addArray();
                row.forEach(value -> values.add(ApiJson.value(value)));
            }
        }
    }

    /** Each score column of the customer's row, with the model, version and time it was scored. */
    private static void scores(Warehouse warehouse, String customerId, ArrayNode list) {
        Optional<List<Column>> columns = warehouse.describe(CustomerScores.TABLE);
        if (columns.isEmpty()) {
            return;
        }
        SqlDialect dialect = warehouse.dialect();
        QueryResult row = warehouse.queryAll("SELECT * FROM " + dialect.table(CustomerScores.TABLE) + " WHERE customer_id = ?", customerId);
        if (row.rows().isEmpty()) {
            return;
        }
        Map<String, Object[]> described = new java.util.HashMap<>();
        if (warehouse.describe(CustomerScores.COLUMNS).isPresent()) {
            for (Object[] column : warehouse.queryAll("SELECT column_name, model, version, scored_at FROM " + dialect.table(CustomerScores.COLUMNS)).rows()) {
                described.put((String) column[0], column);
            }
        }
        Object[] values = row.rows().get(0);
        for (int i = 0; i < values.length; i++) {
            String name = row.columns().get(i).name();
            if (name.equals("customer_id")) {
                continue;
            }
            ObjectNode item = list.addObject().put("name", name);
            item.set("value", ApiJson.value(values[i]));
            Object[] source = described.get(name);
            item.set("model", ApiJson.value(source == null ? null : source[1]));
            item.set("version", ApiJson.value(source == null ? null : source[2]));
            item.set("scored_at", ApiJson.value(source == null ? null : source[3]));
        }
    }

    /** The customer's latest rows of a model table, newest first: {@code {"columns": [...], "rows": [[...]]}}. */
    private static ObjectNode recent(Warehouse warehouse, TableName table, String timeColumn, String customerId, int limit) {
        ObjectNode body = ApiJson.NODES.objectNode();
        ArrayNode columnList = body.putArray("columns");
        ArrayNode rows = body.putArray("rows");
        Optional<List<Column>> columns = warehouse.describe(table);
        if (columns.isEmpty()) {
            return body;
        }
        SqlDialect dialect = warehouse.dialect();
        boolean timed = columns.get().stream().anyMatch(column -> column.name().equals(timeColumn));
        QueryResult result = warehouse.queryAll("SELECT * FROM " + dialect.table(table) + " WHERE customer_id = ?"
                + (timed ? " ORDER BY " + dialect.quote(timeColumn) + " DESC NULLS LAST" : "") + " LIMIT " + limit, customerId);
        result.columns().forEach(column -> columnList.add(column.name()));
        for (Object[] row : result.rows()) {
            ArrayNode values = rows.addArray();
            for (Object value : row) {
                values.add(ApiJson.value(value));
            }
        }
        return body;
    }

    private void audiences(Warehouse warehouse, String customerId, ArrayNode list) {
        for (AudienceRun run : new MembershipHistory(warehouse, clock).memberships(customerId).values()) {
            list.addObject().put("audience", run.audience()).put("run_id", run.runId()).put("computed_at", run.computedAt().toString())
                    .put("as_of", run.asOf().toString()).put("size", run.size());
        }
    }
}
