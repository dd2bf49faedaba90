package dev.ownstack.server.customers;

import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.model.identity.keys.BlockedValues;
import dev.ownstack.model.identity.keys.Normalisers;
import dev.ownstack.model.identity.keys.PhoneKey;
import dev.ownstack.model.master.ModelTables;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds customers by any of their keys, as a person types them: a customer id (an id merged into
 * another customer leads there), a key value of {@code model.customer_identities} normalised the
 * way each match key of {@code identity.keys} normalises it (an email lower-cased or made
 * canonical, a phone number in E.164 through {@code identity.default-region}, a user or anonymous
 * id trimmed), a record as {@code source/record_id}, or the start of a name in the name columns
 * of {@code model.customers}. Every step is one query with bound values. Immutable; the warehouse
 * is the caller's.
 */
public final class CustomerSearch {
    /** The most customers one search answers. */
    public static final int LIMIT = 20;
    /** The longest query taken: longer text is no key and no name. */
    public static final int MAX_QUERY_LENGTH = 200;

    private final Optional<IdentityConfig> identity;
    private final Optional<Normalisers> normalisers;

    /** @param identity the project's {@code identity:} section; without one, key values are looked up as typed */
    public CustomerSearch(Optional<IdentityConfig> identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.normalisers = identity.map(config -> new Normalisers(new PhoneKey(config.defaultRegion()), BlockedValues.defaults()));
    }

    /** A customer found, with what was found: {@code name} and {@code email} are empty when the customer has none. */
    public record Match(String customerId, String name, String email, String matchedKey, String matchedValue) {
        public Match {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(matchedKey, "matchedKey");
            Objects.requireNonNull(matchedValue, "matchedValue");
        }
    }

    /**
     * Up to {@link #LIMIT} customers the text names, ids first, then key values, records and names;
     * none before the master models are built.
     *
     * @throws OwnstackException INPUT_INVALID for empty text or text over {@link #MAX_QUERY_LENGTH} characters
     */
    public List<Match> search(Warehouse warehouse, String query) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "q: give a customer id, email, phone number, user id, anonymous id or the"
                    + " start of a name");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "q: at most " + MAX_QUERY_LENGTH + " characters, got " + text.length());
        }
        Optional<List<Column>> columns = warehouse.describe(ModelTables.CUSTOMERS);
        if (columns.isEmpty()) {
            return List.of();
        }
        SqlDialect dialect = warehouse.dialect();
        Map<String, String[]> found = new LinkedHashMap<>();
        if (warehouse.queryAll("SELECT 1 FROM " + dialect.table(ModelTables.CUSTOMERS) + " WHERE customer_id = ?", text).rows().isEmpty()) {
            Merges.follow(warehouse, text).ifPresent(merge -> found.put(merge.customerId(), new String[] {"merged customer id", text}));
        } else {
            found.put(text, new String[] {"customer_id", text});
        }
        if (warehouse.describe(ModelTables.CUSTOMER_IDENTITIES).isPresent()) {
            byKeyValue(warehouse, text, found);
            int slash = text.indexOf('/');
            if (slash > 0 && slash < text.length() - 1) {
                add(found, warehouse.queryAll("SELECT DISTINCT customer_id, 'record', source || '/' || record_id FROM "
                        + dialect.table(ModelTables.CUSTOMER_IDENTITIES) + " WHERE source = ? AND record_id = ? ORDER BY 1",
                        text.substring(0, slash), text.substring(slash + 1)).rows());
            }
        }
        if (found.size() < LIMIT) {
            byName(warehouse, columns.get(), text, found);
        }
        return withContacts(warehouse, columns.get(), found);
    }

    /** Customers holding the text as a key value, normalised the way each simple match key normalises. */
    private void byKeyValue(Warehouse warehouse, String text, Map<String, String[]> found) {
        List<Object> parameters = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (identity.isPresent()) {
            for (MatchKey key : identity.get().keys()) {
                if (!key.composite()) {
                    Optional<String> value = normalisers.orElseThrow().canonical(key.parts().get(0), text);
                    if (value.isPresent()) {
                        conditions.add("(key_name = ? AND key_value = ?)");
                        parameters.add(key.name());
                        parameters.add(value.get());
                    }
                }
            }
        } else {
            conditions.add("key_value = ?");
            parameters.add(text);
        }
        if (conditions.isEmpty()) {
            return;
        }
        add(found, warehouse.queryAll("SELECT DISTINCT customer_id, key_name, key_value FROM "
                + warehouse.dialect().table(ModelTables.CUSTOMER_IDENTITIES) + " WHERE " + String.join(" OR ", conditions)
                + " ORDER BY 2, 1 LIMIT " + (LIMIT + 1), parameters.toArray()).rows());
    }

    /** Customers whose name, in any name column (or first and last name together), starts with the text, ignoring case. */
    private static void byName(Warehouse warehouse, List<Column> columns, String text, Map<String, String[]> found) {
        List<String> names = nameColumns(columns);
        if (names.isEmpty()) {
            return;
        }
        SqlDialect dialect = warehouse.dialect();
        List<String> expressions = new ArrayList<>(names.stream().map(dialect::quote).toList());
        if (names.contains("first_name") && names.contains("last_name")) {
            expressions.add(dialect.quote("first_name") + " || ' ' || " + dialect.quote("last_name"));
        }
        String pattern = SqlDialect.escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
        String condition = expressions.stream().map(expression -> dialect.like("lower(" + expression + ")", "?"))
                .collect(Collectors.joining(" OR "));
        List<Object> parameters = Collections.nCopies(expressions.size(), pattern).stream().map(value -> (Object) value).toList();
        add(found, warehouse.queryAll("SELECT customer_id, 'name', " + display(dialect, names) + " FROM " + dialect.table(ModelTables.CUSTOMERS)
                + " WHERE " + condition + " ORDER BY 3, 1 LIMIT " + (LIMIT + 1), parameters.toArray()).rows());
    }

    /** The text columns of {@code model.customers} that hold a name: {@code name}, or any ending in {@code _name}. */
    static List<String> nameColumns(List<Column> columns) {
        return columns.stream().filter(column -> column.type() == ColumnType.STRING)
                .map(Column::name).filter(name -> name.equals("name") || name.endsWith("_name")).toList();
    }

    /** SQL for the name shown: first and last name joined when both are columns, else the first name column. */
    private static String display(SqlDialect dialect, List<String> names) {
        if (names.contains("first_name") && names.contains("last_name")) {
            return "trim(coalesce(" + dialect.quote("first_name") + ", '') || ' ' || coalesce(" + dialect.quote("last_name") + ", ''))";
        }
        return "coalesce(" + dialect.quote(names.get(0)) + ", '')";
    }

    private static void add(Map<String, String[]> found, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (found.size() >= LIMIT) {
                return;
            }
            found.putIfAbsent((String) row[0], new String[] {(String) row[1], row[2] == null ? "" : row[2].toString()});
        }
    }

    /** The matches with each customer's name and email, read in one query. */
    private static List<Match> withContacts(Warehouse warehouse, List<Column> columns, Map<String, String[]> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        SqlDialect dialect = warehouse.dialect();
        List<String> names = nameColumns(columns);
        boolean hasEmail = columns.stream().anyMatch(column -> column.name().equals("email") && column.type() == ColumnType.STRING);
        String sql = "SELECT customer_id, " + (names.isEmpty() ? "''" : display(dialect, names)) + ", "
                + (hasEmail ? "coalesce(" + dialect.quote("email") + ", '')" : "''") + " FROM " + dialect.table(ModelTables.CUSTOMERS)
                + " WHERE customer_id IN (" + String.join(", ", Collections.nCopies(found.size(), "?")) + ")";
        Map<String, Object[]> contacts = new LinkedHashMap<>();
        for (Object[] row : warehouse.queryAll(sql, found.keySet().toArray()).rows()) {
            contacts.put((String) row[0], row);
        }
        List<Match> matches = new ArrayList<>();
        found.forEach((id, hit) -> {
            Object[] contact = contacts.get(id);
            if (contact != null) {
                matches.add(new Match(id, (String) contact[1], (String) contact[2], hit[0], hit[1]));
            }
        });
        return matches;
    }
}
