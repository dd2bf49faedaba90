package dev.ownstack.model.master;

import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.models.EventsModel;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.traits.Expressions;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@code model.events}: every row of the events table with the customer its user id
 * belongs to, else the customer its anonymous id belongs to. An id belongs to a customer when it
 * is the value of a user-id (anonymous-id) match key that links a record of that customer, and of
 * no other customer.
 */
final class EventsSql {
    static final String TIME_COLUMN = "timestamp";
    static final String EVENT_COLUMN = "event";
    static final String ID_COLUMN = "message_id";
    static final List<String> REQUIRED = List.of(ID_COLUMN, TIME_COLUMN, "user_id", "anonymous_id");
    private static final String ROW = "e";

    private final String create;
    private final List<Column> columns;

    private EventsSql(String create, List<Column> columns) {
        this.create = create;
        this.columns = List.copyOf(columns);
    }

    /**
     * The statement; empty when the table does not exist (then there is no model.events), or with
     * the problems added when it lacks a column of {@code raw.events}.
     */
    static Optional<EventsSql> plan(Warehouse warehouse, Expressions sql, IdentityConfig identity, EventsModel model,
                                    ConfigProblems problems) {
        Optional<SourceTable> found = SourceTable.describe(warehouse, model.table());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SourceTable table = found.get();
        int before = problems.problems().size();
        for (String column : REQUIRED) {
            if (!table.has(column)) {
                problems.add("models.events.table", table.missing(column) + "; model.events needs the columns of raw.events");
            }
        }
        Optional<ColumnType> timeType = table.type(TIME_COLUMN);
        if (timeType.isPresent() && !Expressions.isTime(timeType.get())) {
            problems.add("models.events.table", "column timestamp of " + table.name() + " must hold a time, but it is "
                    + timeType.get().configName());
        }
        List<Column> columns = new ArrayList<>(List.of(new Column("customer_id", ColumnType.STRING),
                new Column("customer_linked_by", ColumnType.STRING)));
        KeptColumns kept = KeptColumns.of(sql, ROW, table, Set.of(), columns, Set.of(TIME_COLUMN), "models.events.table", problems);
        if (problems.problems().size() > before) {
            return Optional.empty();
        }
        String users = "users";
        String devices = "devices";
        String userCustomer = sql.column(users, "customer_id");
        String deviceCustomer = sql.column(devices, "customer_id");
        List<String> select = new ArrayList<>();
        select.add(sql.text("COALESCE(" + userCustomer + ", " + deviceCustomer + ")") + " AS " + sql.quote("customer_id"));
        select.add(sql.text("CASE WHEN " + userCustomer + " IS NOT NULL THEN " + sql.literal("user_id") + " WHEN " + deviceCustomer
                + " IS NOT NULL THEN " + sql.literal("anonymous_id") + " END") + " AS " + sql.quote("customer_linked_by"));
        select.addAll(kept.select());
        columns.addAll(kept.columns());
        String create = "CREATE TABLE " + sql.dialect().table(ModelTables.staging(ModelTables.EVENTS)) + " AS WITH "
                + users + " AS (" + owners(sql, keyNames(identity, KeyKind.USER_ID)) + "), "
                + devices + " AS (" + owners(sql, keyNames(identity, KeyKind.ANONYMOUS_ID)) + ") SELECT " + String.join(", ", select)
                + " FROM " + sql.dialect().table(model.table()) + " " + ROW
                + " LEFT JOIN " + users + " ON " + sql.column(users, "id_value") + " = " + trimmed(sql, table, "user_id")
                + " LEFT JOIN " + devices + " ON " + sql.column(devices, "id_value") + " = " + trimmed(sql, table, "anonymous_id")
                + sql.dialect().clusterBy(clustering(sql, table));
        return Optional.of(new EventsSql(create, columns));
    }

    /**
     * Audiences filter events by name and time window, so the table is clustered by event name,
     * then time, where the engine can skip blocks by their bounds.
     */
    private static List<String> clustering(Expressions sql, SourceTable table) {
        return table.has(EVENT_COLUMN) ? List.of(sql.quote(EVENT_COLUMN), sql.quote(TIME_COLUMN)) : List.of(sql.quote(TIME_COLUMN));
    }

    /** The simple match keys of a kind: their values are what events carry in user_id and anonymous_id. */
    static List<String> keyNames(IdentityConfig identity, KeyKind kind) {
        return identity.keys().stream().filter(key -> !key.composite() && key.kind() == kind).map(MatchKey::name).toList();
    }

    /** Each linked value of the keys with the one customer it belongs to. */
    private static String owners(Expressions sql, List<String> keys) {
        String keyFilter = keys.isEmpty() ? "FALSE" : sql.column("k", "key_name") + " IN (" + sql.literals(keys) + ")";
        return "SELECT " + sql.column("k", "key_value") + " AS " + sql.quote("id_value") + ", min(" + sql.column("r", "customer_id")
                + ") AS " + sql.quote("customer_id") + " FROM " + sql.dialect().table(ModelTables.IDENTITY_RECORD_KEYS) + " k JOIN "
                + sql.dialect().table(ModelTables.IDENTITY_RECORDS) + " r ON " + sql.column("r", "source") + " = " + sql.column("k", "source")
                + " AND " + sql.column("r", "record_id") + " = " + sql.column("k", "record_id")
                + " WHERE " + sql.column("k", "status") + " = " + sql.literal("linked") + " AND " + keyFilter
                + " GROUP BY " + sql.column("k", "key_value") + " HAVING count(DISTINCT " + sql.column("r", "customer_id") + ") = 1";
    }

    private static String trimmed(Expressions sql, SourceTable table, String column) {
        return "TRIM(" + sql.text(sql.column(ROW, table.column(column).orElseThrow().name())) + ")";
    }

    String create() {
        return create;
    }

    List<Column> columns() {
        return columns;
    }
}
