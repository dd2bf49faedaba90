package dev.ownstack.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The audit log in {@code ownstack.audit_log}: every change made through the API and every sync
 * run, appended on a warehouse connection opened for the entry. Thread-safe. A failure to write
 * an entry is logged, not thrown: the change it describes has already happened.
 */
public final class AuditLog {
    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "at, actor, action, target, detail, outcome";

    /** A page of entries, newest first, and how many there are in all. */
    public record Page(List<AuditEntry> entries, long total) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    private final Supplier<Warehouse> warehouses;

    public AuditLog(Supplier<Warehouse> warehouses) {
        this.warehouses = warehouses;
    }

    public void record(AuditEntry entry) {
        try (Warehouse warehouse = warehouses.get()) {
            append(warehouse, entry);
        } catch (OwnstackException e) {
            LOG.log(System.Logger.Level.ERROR, "could not write to the audit log: " + entry.actor() + " " + entry.action() + " "
                    + entry.target() + " " + entry.outcome(), e);
        }
    }

    /** Appends on a given connection: for the CLI, which changes users on the project's warehouse. */
    public static void append(Warehouse warehouse, AuditEntry entry) {
        AuthTables.ensure(warehouse);
        String detail;
        try {
            detail = JSON.writeValueAsString(entry.detail());
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write audit details as JSON", e);
        }
        warehouse.execute("INSERT INTO " + warehouse.dialect().table(AuthTables.AUDIT_LOG) + " (" + cols(warehouse.dialect()) + ") VALUES (?, ?, ?, ?, ?, ?)",
                AuthTables.utc(entry.at()), entry.actor(), entry.action(), entry.target(), detail, entry.outcome());
    }

    /**
     * Which entries a page holds: those of {@code actor} (exactly) when it is not empty, those whose
     * action contains {@code action} (ignoring case) when it is not empty, and by outcome.
     */
    public record Filter(String actor, String action, Outcome outcome) {
        public static final Filter ALL = new Filter("", "", Outcome.ANY);

        public Filter {
            actor = actor == null ? "" : actor;
            action = action == null ? "" : action;
            outcome = outcome == null ? Outcome.ANY : outcome;
        }

        public static Filter actor(String actor) {
            return new Filter(actor, "", Outcome.ANY);
        }
    }

    /** An entry's outcome as a filter: any, {@link AuditEntry#SUCCESS}, or anything else (refused or failed). */
    public enum Outcome {
        ANY, SUCCESS, FAILED
    }

    /** Entries newest first, skipping {@code offset}; only those of {@code actor} when it is not empty. */
    public Page page(int limit, long offset, String actor) {
        return page(limit, offset, Filter.actor(actor));
    }

    /** Entries newest first that pass the filter, skipping {@code offset}; the total counts those that pass. */
    public Page page(int limit, long offset, Filter filter) {
        try (Warehouse warehouse = warehouses.get()) {
            if (!AuthTables.exists(warehouse, AuthTables.AUDIT_LOG)) {
                return new Page(List.of(), 0);
            }
            SqlDialect dialect = warehouse.dialect();
            String table = dialect.table(AuthTables.AUDIT_LOG);
            List<String> conditions = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            if (!filter.actor().isEmpty()) {
                conditions.add(dialect.quote("actor") + " = ?");
                values.add(filter.actor());
            }
            if (!filter.action().isEmpty()) {
                // a substring, not a pattern: the text is compared with strpos, so % and _ match themselves
                conditions.add("strpos(lower(" + dialect.quote("action") + "), ?) > 0");
                values.add(filter.action().toLowerCase(Locale.ROOT));
            }
            if (filter.outcome() != Outcome.ANY) {
                conditions.add(dialect.quote("outcome") + (filter.outcome() == Outcome.SUCCESS ? " = ?" : " <> ?"));
                values.add(AuditEntry.SUCCESS);
            }
            String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
            Object[] parameters = values.toArray();
            long total = ((Number) warehouse.queryAll("SELECT count(*) FROM " + table + where, parameters).singleValue()).longValue();
            List<AuditEntry> entries = new ArrayList<>();
            for (Object[] row : warehouse.queryAll("SELECT " + cols(dialect) + " FROM " + table + where + " ORDER BY " + dialect.quote("at")
                    + " DESC LIMIT " + limit + " OFFSET " + offset, parameters).rows()) {
                entries.add(new AuditEntry(AuthTables.instant(row[0]), (String) row[1], (String) row[2], (String) row[3], detail((String) row[4]),
                        (String) row[5]));
            }
            return new Page(entries, total);
        }
    }

    private static ObjectNode detail(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "detail of an entry in " + AuthTables.AUDIT_LOG + " is not a JSON object: " + json, e);
        }
    }

    private static String cols(SqlDialect dialect) {
        return java.util.Arrays.stream(COLUMNS.split(",")).map(String::trim).map(dialect::quote).collect(Collectors.joining(", "));
    }
}
