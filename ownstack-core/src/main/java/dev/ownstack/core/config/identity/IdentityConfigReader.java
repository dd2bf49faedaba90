package dev.ownstack.core.config.identity;

import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code identity:} section of {@code ownstack.yml} into an {@link IdentityConfig},
 * reporting every problem with its path. Columns are checked against the warehouse's catalog when
 * resolution runs, since the tables may not exist yet when the file is validated.
 */
public final class IdentityConfigReader {
    /** Schemas ownstack writes; records are read from anywhere else. */
    private static final Set<String> OWNED_SCHEMAS = Set.of("ownstack", "identity", "model");
    private static final Pattern JSON_FIELD = Pattern.compile("[^.\"'\\s]+");
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final int DEFAULT_MAX_GROUP_SIZE = 50;

    private final ConfigProblems problems;

    private IdentityConfigReader(ConfigProblems problems) {
        this.problems = problems;
    }

    /** The section, or empty when the file has none. */
    public static Optional<IdentityConfig> read(ConfigNode top) {
        return new IdentityConfigReader(top.problems()).readSection(top);
    }

    private Optional<IdentityConfig> readSection(ConfigNode top) {
        if (!top.has("identity")) {
            top.raw("identity");
            return Optional.empty();
        }
        ConfigNode node = top.object("identity");
        if (!node.isObject()) {
            return Optional.empty();
        }
        String region = node.string("default-region").map(text -> text.strip().toUpperCase(Locale.ROOT)).orElse("US");
        if (!REGIONS.contains(region)) {
            node.problems().add(node.path() + ".default-region", "must be an ISO 3166-1 alpha-2 region such as GB or US, got '" + region + "'");
        }
        int maxGroupSize = node.integer("max-group-size", DEFAULT_MAX_GROUP_SIZE, 2, Integer.MAX_VALUE);
        List<MatchKey> keys = readKeys(node, maxGroupSize);
        List<IdentitySource> sources = readSources(node, keys);
        Set<String> fields = new LinkedHashSet<>();
        sources.forEach(source -> fields.addAll(source.fields().keySet()));
        Optional<ProbabilisticConfig> probabilistic = ProbabilisticConfigReader.read(node, fields);
        node.finish();
        return Optional.of(new IdentityConfig(region, keys, sources, probabilistic));
    }

    private List<MatchKey> readKeys(ConfigNode node, int defaultMaxGroupSize) {
        Map<String, ConfigNode> entries = node.entries("keys");
        if (entries.isEmpty()) {
            node.problems().add(node.path() + ".keys", "is required: the match keys in priority order, for example"
                    + " {user_id: user-id, email: email, phone: phone}");
        }
        List<MatchKey> keys = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            String name = entry.getKey();
            ConfigNode keyNode = entry.getValue();
            if (!Identifiers.isValid(name)) {
                keyNode.problems().add(keyNode.path(), "key name '" + name + "' must use letters, digits and _ only");
            }
            readKey(name, keyNode, defaultMaxGroupSize).ifPresent(keys::add);
        }
        return keys;
    }

    private Optional<MatchKey> readKey(String name, ConfigNode node, int defaultMaxGroupSize) {
        if (!node.isObject()) {
            return node.asString().flatMap(kindName -> kind(kindName, node.path()))
                    .map(kind -> new MatchKey(name, List.of(kind), defaultLimit(List.of(kind)), Set.of(), defaultMaxGroupSize));
        }
        List<KeyKind> parts = new ArrayList<>();
        if (node.has("kind") == node.has("parts")) {
            node.problems().add(node.path(), "needs either 'kind' (a simple key) or 'parts' (a composite key), not "
                    + (node.has("kind") ? "both" : "neither") + "; kinds: " + kindNames());
        }
        node.string("kind").flatMap(kindName -> kind(kindName, node.path() + ".kind")).ifPresent(parts::add);
        List<ConfigNode> partNodes = node.list("parts");
        for (ConfigNode partNode : partNodes) {
            partNode.asString().flatMap(kindName -> kind(kindName, partNode.path())).ifPresent(parts::add);
        }
        if (node.has("parts") && partNodes.size() < 2) {
            node.problems().add(node.path() + ".parts", "a composite key needs at least two parts, got " + partNodes.size());
        }
        int limit = node.integer("limit", parts.isEmpty() ? 1 : defaultLimit(parts), 1, Integer.MAX_VALUE);
        int maxGroupSize = node.integer("max-group-size", defaultMaxGroupSize, 2, Integer.MAX_VALUE);
        Set<String> blocked = new LinkedHashSet<>(node.stringList("blocked-values"));
        node.finish();
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MatchKey(name, parts, limit, blocked, maxGroupSize));
    }

    /** Segment's defaults: one user id per customer, five of anything else; devices come and go, so more anonymous ids. */
    private static int defaultLimit(List<KeyKind> parts) {
        if (parts.size() > 1) {
            return 5;
        }
        return switch (parts.get(0)) {
            case USER_ID -> 1;
            case ANONYMOUS_ID -> 100;
            default -> 5;
        };
    }

    private Optional<KeyKind> kind(String text, String path) {
        for (KeyKind kind : KeyKind.values()) {
            if (kind.configName().equals(text.strip())) {
                return Optional.of(kind);
            }
        }
        problems.add(path, "unknown key kind '" + text + "'; use one of " + kindNames());
        return Optional.empty();
    }

    private List<IdentitySource> readSources(ConfigNode node, List<MatchKey> keys) {
        Map<String, ConfigNode> entries = node.entries("sources");
        if (entries.isEmpty()) {
            problems.add(node.path() + ".sources", "is required: the tables whose rows are records, each with 'id' and 'keys'");
        }
        Map<String, MatchKey> keysByName = new LinkedHashMap<>();
        keys.forEach(key -> keysByName.put(key.name(), key));
        List<IdentitySource> sources = new ArrayList<>();
        int position = 0;
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            position++;
            String name = entry.getKey();
            ConfigNode sourceNode = entry.getValue();
            if (!Identifiers.isValid(name)) {
                problems.add(sourceNode.path(), "source name '" + name + "' must use letters, digits and _ only");
            }
            if (!sourceNode.isObject()) {
                problems.add(sourceNode.path(), "must be a mapping with at least 'id' and 'keys'");
                continue;
            }
            TableName table = readTable(sourceNode, name);
            String id = sourceNode.requiredString("id").map(column -> checkColumn(column, sourceNode.path() + ".id")).orElse("invalid");
            int precedence = sourceNode.integer("precedence", position, 0, Integer.MAX_VALUE);
            Optional<String> updatedAt = sourceNode.string("updated-at").map(column -> checkColumn(column, sourceNode.path() + ".updated-at"));
            List<KeyMapping> mappings = new ArrayList<>();
            Map<String, ConfigNode> keyEntries = sourceNode.entries("keys");
            if (keyEntries.isEmpty()) {
                problems.add(sourceNode.path() + ".keys", "is required: which columns feed which match keys, for example {email: email}");
            }
            for (Map.Entry<String, ConfigNode> keyEntry : keyEntries.entrySet()) {
                MatchKey key = keysByName.get(keyEntry.getKey());
                if (key == null) {
                    problems.add(keyEntry.getValue().path(), "is not a match key of identity.keys; known keys: "
                            + String.join(", ", keysByName.keySet()));
                    continue;
                }
                readMapping(key, keyEntry.getValue()).ifPresent(mappings::add);
            }
            Map<String, ValueSource> fields = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigNode> fieldEntry : sourceNode.entries("fields").entrySet()) {
                if (!Identifiers.isValid(fieldEntry.getKey())) {
                    problems.add(fieldEntry.getValue().path(), "field name '" + fieldEntry.getKey() + "' must use letters, digits and _ only");
                }
                valueSource(fieldEntry.getValue()).ifPresent(value -> fields.put(fieldEntry.getKey(), value));
            }
            sourceNode.finish();
            sources.add(new IdentitySource(name, table, id, precedence, updatedAt, mappings, fields));
        }
        return sources;
    }

    private TableName readTable(ConfigNode node, String sourceName) {
        String text = node.string("table").orElse(sourceName);
        try {
            TableName table = TableName.parse(text, TableName.RAW_SCHEMA);
            if (OWNED_SCHEMAS.contains(table.schema())) {
                problems.add(node.path() + ".table", "schema '" + table.schema() + "' is written by ownstack; records come from"
                        + " raw or a schema of your own, got '" + text + "'");
            }
            return table;
        } catch (OwnstackException e) {
            problems.add(node.path() + ".table", e.getMessage());
            return new TableName(TableName.RAW_SCHEMA, "invalid");
        }
    }

    /**
     * A simple key takes a column or a list of alternative columns; a composite key takes a list
     * with one entry per part. An entry that is itself a list joins its columns with a space.
     */
    private Optional<KeyMapping> readMapping(MatchKey key, ConfigNode node) {
        List<ValueSource> values = new ArrayList<>();
        if (node.isList()) {
            for (ConfigNode element : node.elements()) {
                valueSource(element).ifPresent(values::add);
            }
        } else {
            valueSource(node).ifPresent(values::add);
        }
        if (key.composite() && values.size() != key.parts().size()) {
            problems.add(node.path(), "key '" + key.name() + "' has " + key.parts().size() + " parts ("
                    + key.parts().stream().map(KeyKind::configName).collect(Collectors.joining(", "))
                    + "), so it needs a list with one column per part, got " + values.size());
            return Optional.empty();
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(new KeyMapping(key.name(), values));
    }

    private Optional<ValueSource> valueSource(ConfigNode node) {
        List<ColumnRef> columns = new ArrayList<>();
        if (node.isList()) {
            for (ConfigNode element : node.elements()) {
                element.asString().flatMap(text -> columnRef(text, element.path())).ifPresent(columns::add);
            }
            if (columns.isEmpty() && node.elements().isEmpty()) {
                problems.add(node.path(), "must name at least one column");
            }
        } else {
            node.asString().flatMap(text -> columnRef(text, node.path())).ifPresent(columns::add);
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new ValueSource(columns));
    }

    /** {@code column} or {@code column.field.field} for a value inside a JSON column. */
    private Optional<ColumnRef> columnRef(String text, String path) {
        String[] segments = text.strip().split("\\.", -1);
        if (!Identifiers.isValid(segments[0])) {
            problems.add(path, "must be a column name (letters, digits and _), optionally followed by .field for a JSON column, got '" + text + "'");
            return Optional.empty();
        }
        List<String> jsonPath = List.of(segments).subList(1, segments.length);
        for (String segment : jsonPath) {
            if (!JSON_FIELD.matcher(segment).matches()) {
                problems.add(path, "has an empty or unusable JSON field name in '" + text + "'");
                return Optional.empty();
            }
        }
        return Optional.of(new ColumnRef(segments[0], jsonPath));
    }

    private String checkColumn(String column, String path) {
        if (!Identifiers.isValid(column)) {
            problems.add(path, "must be a column name (letters, digits and _), got '" + column + "'");
        }
        return column;
    }

    private static String kindNames() {
        return Arrays.stream(KeyKind.values()).map(KeyKind::configName).collect(Collectors.joining(", "));
    }
}
