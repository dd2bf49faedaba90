package dev.ownstack.core.config.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code models:} section of {@code ownstack.yml} into a {@link ModelsConfig}. Every
 * problem goes to the node's {@link ConfigProblems} with its path and value; references to
 * identity sources are checked when the caller knows them. Columns of warehouse tables are checked
 * when the models are built, since only the warehouse knows them.
 */
public final class ModelsConfigReader {
    private static final Pattern JSON_FIELD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,127}");
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})([dh])");
    private static final Set<String> OWNED_SCHEMAS = Set.of("ownstack", "identity", "model");

    private final ConfigProblems problems;
    private final Set<String> identitySources;
    private final Map<String, String> columnOwners = new HashMap<>();

    private ModelsConfigReader(ConfigProblems problems, Set<String> identitySources) {
        this.problems = problems;
        this.identitySources = identitySources;
    }

    /**
     * Reads the section without checking identity source names (for a project whose identity
     * section is not known). Empty when the section has problems; they are in the node's problems.
     */
    public static Optional<ModelsConfig> read(ConfigNode node) {
        return new ModelsConfigReader(node.problems(), null).section(node);
    }

    /** Reads the section, checking that every source it names is one of {@code identitySources}. */
    public static Optional<ModelsConfig> read(ConfigNode node, Set<String> identitySources) {
        return new ModelsConfigReader(node.problems(), Set.copyOf(identitySources)).section(node);
    }

    private Optional<ModelsConfig> section(ConfigNode node) {
        int before = problems.problems().size();
        ModelsConfig.CUSTOMER_COLUMNS.forEach(column -> columnOwners.put(column, "a column every model.customers has"));
        Optional<Instant> asOf = node.string("as-of").flatMap(text -> instant(node.path() + ".as-of", text));
        ConfigNode customers = node.object("customers");
        List<CustomerAttribute> attributes = attributes(customers.path() + ".attributes", customers.raw("attributes"));
        customers.finish();
        Optional<TransactionsModel> transactions = Optional.empty();
        if (node.has("transactions")) {
            transactions = transactions(node.object("transactions"));
        } else {
            node.raw("transactions");
        }
        EventsModel events = events(node.object("events"));
        boolean hasTransactions = node.has("transactions");
        List<Trait> traits = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> entry : node.entries("traits").entrySet()) {
            trait(entry.getKey(), entry.getValue(), hasTransactions).ifPresent(traits::add);
        }
        node.finish();
        if (problems.problems().size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ModelsConfig(asOf, attributes, transactions, events, traits));
    }

    private Optional<Instant> instant(String path, String text) {
        String value = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notDate) {
                    problems.add(path, "must be an ISO-8601 time such as 2025-01-01T00:00:00Z (or a date, read as midnight UTC), got '"
                            + text + "'");
                    return Optional.empty();
                }
            }
        }
    }

    private List<CustomerAttribute> attributes(String path, Optional<JsonNode> tree) {
        List<CustomerAttribute> attributes = new ArrayList<>();
        if (tree.isEmpty()) {
            return attributes;
        }
        if (!tree.get().isObject()) {
            problems.add(path, "must be a mapping of column names to sources, got " + describe(tree.get()));
            return attributes;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String at = path + "." + name;
            boolean named = claimColumn(at, name, "attribute");
            JsonNode sources = entry.getValue();
            if (sources == null || !sources.isObject() || sources.isEmpty()) {
                problems.add(at, "must map identity sources to the column holding the value, such as {crm_contacts: email},"
                        + " got " + describe(sources));
                continue;
            }
            Map<String, ColumnRef> columns = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = sources.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> source = fields.next();
                String sourcePath = at + "." + source.getKey();
                checkIdentitySource(sourcePath, source.getKey(), "");
                if (!source.getValue().isTextual()) {
                    problems.add(sourcePath, "must be a column name or a JSON field such as traits.email, got " + describe(source.getValue()));
                    continue;
                }
                columnRef(sourcePath, source.getValue().asText()).ifPresent(ref -> columns.put(source.getKey(), ref));
            }
            if (named && columns.size() == sources.size()) {
                attributes.add(new CustomerAttribute(name, columns));
            }
        }
        return attributes;
    }

    private Optional<TransactionsModel> transactions(ConfigNode node) {
        Optional<TableName> table = node.requiredString("table").flatMap(text -> table(node.path() + ".table", text));
        Optional<String> source = node.requiredString("source");
        source.ifPresent(name -> checkIdentitySource(node.path() + ".source", name, " (the source whose record ids the rows hold)"));
        Optional<String> recordId = column(node, "record-id", true);
        Optional<String> id = column(node, "id", true);
        Optional<String> occurredAt = column(node, "occurred-at", true);
        Optional<String> amount = column(node, "amount", true);
        Optional<String> currency = column(node, "currency", false);
        Optional<String> type = column(node, "type", false);
        node.finish();
        if (table.isEmpty() || source.isEmpty() || recordId.isEmpty() || id.isEmpty() || occurredAt.isEmpty() || amount.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TransactionsModel(table.get(), source.get(), recordId.get(), id.get(), occurredAt.get(), amount.get(),
                currency, type));
    }

    private Optional<String> column(ConfigNode node, String key, boolean required) {
        Optional<String> column = required ? node.requiredString(key) : node.string(key);
        if (column.isPresent() && !Identifiers.isValid(column.get())) {
            problems.add(node.path() + "." + key, "must be a column name (letters, digits and _), got '" + column.get() + "'");
            return Optional.empty();
        }
        return column;
    }

    private EventsModel events(ConfigNode node) {
        Optional<TableName> table = node.string("table").flatMap(text -> table(node.path() + ".table", text));
        node.finish();
        return table.map(EventsModel::new).orElse(EventsModel.DEFAULT);
    }

    private Optional<TableName> table(String path, String text) {
        try {
            TableName table = TableName.parse(text, TableName.RAW_SCHEMA);
            if (OWNED_SCHEMAS.contains(table.schema())) {
                problems.add(path, "must be a table of yours, not of ownstack's schema '" + table.schema() + "', got '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(table);
        } catch (OwnstackException e) {
            problems.add(path, e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Trait> trait(String name, ConfigNode node, boolean hasTransactions) {
        boolean named = claimColumn(node.path(), name, "trait");
        if (!node.isObject()) {
            problems.add(node.path(), "must be a mapping such as {function: count, of: transactions}");
            return Optional.empty();
        }
        Map<String, TraitFunction> functions = new LinkedHashMap<>();
        Arrays.stream(TraitFunction.values()).forEach(function -> functions.put(function.configName(), function));
        if (!node.has("function")) {
            problems.add(node.path() + ".function", "is required: one of " + String.join(", ", functions.keySet()));
        }
        Optional<TraitFunction> function = node.choice("function", functions);
        Optional<String> of = node.requiredString("of");
        Optional<ActivityTable> table = Optional.empty();
        Optional<ColumnRef> column = Optional.empty();
        boolean ofValid = false;
        if (of.isPresent()) {
            String text = of.get().trim();
            int dot = text.indexOf('.');
            String tableName = dot < 0 ? text : text.substring(0, dot);
            table = Arrays.stream(ActivityTable.values()).filter(candidate -> candidate.configName().equals(tableName)).findFirst();
            if (table.isEmpty()) {
                problems.add(node.path() + ".of", "must be transactions or events, optionally with a column (transactions.amount), got '"
                        + of.get() + "'");
            } else if (table.get() == ActivityTable.TRANSACTIONS && !hasTransactions) {
                problems.add(node.path() + ".of", "reads transactions, but models.transactions is not configured");
            } else {
                ofValid = dot < 0;
                if (dot >= 0) {
                    column = columnRef(node.path() + ".of", text.substring(dot + 1));
                    ofValid = column.isPresent();
                }
            }
        }
        if (function.isPresent() && function.get().needsColumn() && ofValid && column.isEmpty()) {
            problems.add(node.path() + ".of", function.get().configName() + " needs a column, such as " + of.get() + "."
                    + (table.get() == ActivityTable.TRANSACTIONS ? "amount" : "timestamp") + ", got '" + of.get() + "'");
            ofValid = false;
        }
        List<TraitFilter> filters = filters(node.path() + ".where", node.raw("where"));
        Optional<Duration> within = node.string("within").flatMap(text -> window(node.path() + ".within", text));
        node.finish();
        if (!named || function.isEmpty() || !ofValid || (node.has("where") && filters.isEmpty())
                || (node.has("within") && within.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Trait(name, function.get(), table.get(), column, filters, within));
    }

    private List<TraitFilter> filters(String path, Optional<JsonNode> tree) {
        List<TraitFilter> filters = new ArrayList<>();
        if (tree.isEmpty()) {
            return filters;
        }
        if (!tree.get().isObject() || tree.get().isEmpty()) {
            problems.add(path, "must map columns to a value or a list of values, such as {type: order}, got " + describe(tree.get()));
            return filters;
        }
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.get().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = path + "." + entry.getKey();
            Optional<ColumnRef> column = columnRef(at, entry.getKey());
            List<String> values = filterValues(at, entry.getValue());
            valid &= column.isPresent() && !values.isEmpty();
            if (column.isPresent() && !values.isEmpty()) {
                filters.add(new TraitFilter(column.get(), values));
            }
        }
        return valid ? filters : List.of();
    }

    private List<String> filterValues(String path, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isValueNode() && !value.isNull()) {
            values.add(value.asText());
            return values;
        }
        if (value.isArray() && !value.isEmpty()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                if (!element.isValueNode() || element.isNull()) {
                    problems.add(path + "[" + i + "]", "must be a value, got " + describe(element));
                    return List.of();
                }
                values.add(element.asText());
            }
            return values;
        }
        problems.add(path, "must be a value or a non-empty list of values, got " + describe(value));
        return values;
    }

    private Optional<Duration> window(String path, String text) {
        Matcher matcher = WINDOW.matcher(text.trim());
        long amount = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        if (amount < 1) {
            problems.add(path, "must be a number of days or hours such as 90d or 12h, got '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount));
    }

    /** {@code email} or {@code merge_fields.FNAME}: a column, then JSON fields. */
    private Optional<ColumnRef> columnRef(String path, String text) {
        String[] parts = text.trim().split("\\.", -1);
        boolean valid = Identifiers.isValid(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            valid &= JSON_FIELD.matcher(parts[i]).matches();
        }
        if (!valid) {
            problems.add(path, "must be a column name, or a column and JSON fields such as merge_fields.FNAME (letters, digits, _ and -),"
                    + " got '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(new ColumnRef(parts[0], List.of(parts).subList(1, parts.length)));
    }

    private boolean claimColumn(String path, String name, String what) {
        if (!Identifiers.isValid(name)) {
            problems.add(path, what + " name must be a column name (letters, digits and _, not starting with a digit), got '" + name + "'");
            return false;
        }
        String previous = columnOwners.putIfAbsent(name, what + " " + path);
        if (previous != null) {
            problems.add(path, "column '" + name + "' of model.customers is already " + previous);
            return false;
        }
        return true;
    }

    private void checkIdentitySource(String path, String name, String role) {
        if (identitySources != null && !identitySources.contains(name)) {
            problems.add(path, "'" + name + "' is not an identity source" + role + "; identity.sources has: "
                    + (identitySources.isEmpty() ? "none" : String.join(", ", new TreeSet<>(identitySources))));
        }
    }

    private static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return value.isEmpty() ? "an empty mapping" : "a mapping";
        }
        if (value.isArray()) {
            return value.isEmpty() ? "an empty list" : "a list";
        }
        return value.toString();
    }
}
