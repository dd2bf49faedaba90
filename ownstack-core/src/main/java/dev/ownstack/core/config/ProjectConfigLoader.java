package dev.ownstack.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentityConfigReader;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.config.models.ModelsConfigReader;
import dev.ownstack.core.config.scores.ScoresConfig;
import dev.ownstack.core.config.scores.ScoresConfigReader;
import dev.ownstack.core.config.syncs.ConsentConfig;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncParser;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.Identifiers;
import dev.ownstack.core.table.TableName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code ownstack.yml} into a {@link ProjectConfig}. Strict: unknown keys, wrong types,
 * missing values and bad references are all collected, each with its path, and reported in one
 * {@link OwnstackException}.
 */
public final class ProjectConfigLoader {
    public static final int CURRENT_VERSION = 1;
    private static final Set<String> OWNED_SCHEMAS = Set.of("ownstack", "identity", "model");
    /** Where every event source lands. */
    public static final TableName EVENTS_TABLE = new TableName(TableName.RAW_SCHEMA, "events");
    private static final Pattern ADDRESS_OR_RANGE = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s:]+(:\\d{1,5})?");

    private final Function<String, Optional<String>> environment;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    public ProjectConfigLoader(Function<String, Optional<String>> environment) {
        this.environment = environment;
    }

    public static ProjectConfigLoader withSystemEnvironment() {
        return new ProjectConfigLoader(name -> Optional.ofNullable(System.getenv(name)));
    }

    /** Loads {@code ownstack.yml} from a project folder. */
    public ProjectConfig load(Path projectDirectory) {
        Path file = projectDirectory.resolve(ProjectConfig.FILE_NAME);
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "no " + ProjectConfig.FILE_NAME + " in project folder "
                    + projectDirectory.toAbsolutePath().normalize() + " (create one with: ownstack init " + projectDirectory + ")");
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(projectDirectory, file.toString(), text);
    }

    public ProjectConfig parse(Path projectDirectory, String fileLabel, String text) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, fileLabel + " is not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        ConfigProblems problems = new ConfigProblems(fileLabel);
        if (root == null || !root.isObject()) {
            problems.add("", "the file must be a YAML mapping with at least a 'warehouse' section");
            problems.throwIfAny();
        }
        ConfigNode top = new ConfigNode(root, "", problems, environment);
        int version = top.integer("version", CURRENT_VERSION, 1, CURRENT_VERSION);
        String name = top.string("name").orElse(projectDirectory.toAbsolutePath().normalize().getFileName() == null
                ? "ownstack" : projectDirectory.toAbsolutePath().normalize().getFileName().toString());
        WarehouseConfig warehouse = readWarehouse(top.object("warehouse"), projectDirectory);
        Map<String, SourceConfig> sources = new LinkedHashMap<>();
        Map<TableName, String> tableOwners = new HashMap<>();
        for (Map.Entry<String, ConfigNode> entry : top.entries("sources").entrySet()) {
            readSource(entry.getKey(), entry.getValue(), projectDirectory).ifPresent(source -> {
                sources.put(entry.getKey(), source);
                for (TableName table : targetTables(source)) {
                    String previous = tableOwners.putIfAbsent(table, source.name());
                    if (previous != null) {
                        problems.add(entry.getValue().path(), "loads into " + table + ", which source '" + previous
                                + "' already loads; give each source its own table");
                    }
                }
            });
        }
        List<SourceConfig.Events> eventSources = sources.values().stream().filter(SourceConfig.Events.class::isInstance)
                .map(SourceConfig.Events.class::cast).toList();
        checkEventSources(eventSources, tableOwners, problems);
        ServerConfig server = readServer(top.object("server"));
        CollectorConfig collector = readCollector(top.object("collector"), projectDirectory);
        Optional<IdentityConfig> identity = IdentityConfigReader.read(top);
        Optional<ModelsConfig> models = readModels(top, identity);
        Map<String, AudienceDefinition> audiences = AudienceParser.readSection(top.raw("audiences").orElse(null), "audiences", problems);
        Map<String, ConfigNode> destinationNodes = top.entries("destinations");
        Map<String, DestinationDefinition> destinations = SyncParser.readDestinations(destinationNodes, projectDirectory);
        Map<String, SyncDefinition> syncs = SyncParser.readSyncs(top.entries("syncs"), destinationNodes.keySet(), audiences.keySet());
        Optional<AlertsConfig> alerts = readAlerts(top);
        ConsentConfig consent = readConsent(top);
        ScoresConfig scores = ScoresConfigReader.read(top);
        top.finish();
        problems.throwIfAny();
        if (version != CURRENT_VERSION) {
            throw new OwnstackException(ErrorCode.INTERNAL, "unexpected version " + version);
        }
        return new ProjectConfig(projectDirectory, name, warehouse, sources, server, collector, identity, models, audiences,
                destinations, syncs, alerts, consent, scores, problems.notes());
    }

    /**
     * The {@code models:} section. Source names are checked against {@code identity.sources} when
     * the identity section has been read; without an identity section there is nothing to build from.
     */
    private static Optional<ModelsConfig> readModels(ConfigNode top, Optional<IdentityConfig> identity) {
        if (!top.has("models")) {
            top.raw("models");
            return Optional.empty();
        }
        if (!top.has("identity")) {
            top.problems().add("models", "needs an identity section: customers are made of the records of identity.sources");
        }
        ConfigNode node = top.object("models");
        return identity.isPresent()
                ? ModelsConfigReader.read(node, identity.get().sources().stream().map(IdentitySource::name).collect(Collectors.toSet()))
                : ModelsConfigReader.read(node);
    }

    /** The {@code consent:} section: kind of destination → column of {@code model.customers}. */
    private static ConsentConfig readConsent(ConfigNode top) {
        Map<String, String> traits = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : top.entries("consent").entrySet()) {
            String path = entry.getValue().path();
            if (!ConsentConfig.KINDS.contains(entry.getKey())) {
                top.problems().add(path, "is not a kind of destination; consent is given for " + String.join(", ", ConsentConfig.KINDS));
                continue;
            }
            entry.getValue().asString().ifPresent(column -> {
                if (Identifiers.isValid(column)) {
                    traits.put(entry.getKey(), column);
                } else {
                    top.problems().add(path, "must name a column of model.customers (letters, digits and _, starting with a letter), got '"
                            + column + "'");
                }
            });
        }
        return new ConsentConfig(traits);
    }

    private static Optional<AlertsConfig> readAlerts(ConfigNode top) {
        if (!top.has("alerts")) {
            top.raw("alerts");
            return Optional.empty();
        }
        ConfigNode node = top.object("alerts");
        Optional<String> url = node.requiredString("webhook");
        Optional<Secret> secret = node.secret("secret");
        try {
            if (url.isEmpty()) {
                return Optional.empty();
            }
            java.net.URI uri = new java.net.URI(url.get());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new java.net.URISyntaxException(url.get(), "not an http or https URL");
            }
            return Optional.of(new AlertsConfig(uri, secret));
        } catch (java.net.URISyntaxException e) {
            top.problems().add(node.path() + ".webhook", "must be an http or https URL such as https://example.com/ownstack-alerts, got '"
                    + url.get() + "'");
            return Optional.empty();
        } finally {
            node.finish();
        }
    }

    private static void checkEventSources(List<SourceConfig.Events> eventSources, Map<TableName, String> tableOwners,
                                          ConfigProblems problems) {
        if (eventSources.isEmpty()) {
            return;
        }
        String owner = tableOwners.get(EVENTS_TABLE);
        if (owner != null) {
            problems.add("sources." + owner, "loads into " + EVENTS_TABLE + ", where event sources ("
                    + eventSources.get(0).name() + ") land; give it another table");
        }
        Map<String, String> keyOwners = new HashMap<>();
        for (SourceConfig.Events source : eventSources) {
            for (String key : source.writeKeys()) {
                String previous = keyOwners.putIfAbsent(key, source.name());
                if (previous != null && !previous.equals(source.name())) {
                    problems.add("sources." + source.name() + ".write-keys", "a write key is also used by source '" + previous
                            + "'; each key must name one source");
                }
            }
        }
    }

    private ServerConfig readServer(ConfigNode node) {
        String bind = node.string("bind").orElse(ServerConfig.DEFAULT.bind());
        int port = node.integer("port", ServerConfig.DEFAULT_PORT, 0, 65535);
        List<Secret> apiKeys = node.secretList("api-keys");
        for (int i = 0; i < apiKeys.size(); i++) {
            if (apiKeys.get(i).reveal().length() < 16) {
                node.problems().add(node.path() + ".api-keys[" + i + "]", "must be at least 16 characters long (it guards the REST API)");
            }
        }
        List<String> proxies = node.stringList("trusted-proxies");
        for (int i = 0; i < proxies.size(); i++) {
            if (!ADDRESS_OR_RANGE.matcher(proxies.get(i)).matches()) {
                node.problems().add(node.path() + ".trusted-proxies[" + i + "]", "must be an IP address or a range such as 10.0.0.0/8, got '"
                        + proxies.get(i) + "'");
            }
        }
        Duration idle = node.duration("session-idle-timeout", ServerConfig.DEFAULT_SESSION_IDLE_TIMEOUT, Duration.ofMinutes(1));
        Duration maxAge = node.duration("session-max-age", ServerConfig.DEFAULT_SESSION_MAX_AGE, Duration.ofMinutes(1));
        if (idle.compareTo(maxAge) > 0) {
            node.problems().add(node.path() + ".session-idle-timeout", "must not be longer than session-max-age (" + maxAge.toMinutes()
                    + " minutes), got " + idle.toMinutes() + " minutes");
        }
        node.finish();
        return new ServerConfig(bind, port, apiKeys, proxies, idle, maxAge);
    }

    private CollectorConfig readCollector(ConfigNode node, Path projectDirectory) {
        CollectorConfig defaults = CollectorConfig.defaults(projectDirectory);
        Path log = node.string("log-directory").map(path -> projectDirectory.resolve(path).toAbsolutePath().normalize())
                .orElse(defaults.logDirectory());
        Duration loadInterval = node.duration("load-interval", defaults.loadInterval(), Duration.ofMillis(10));
        int loadBatch = node.integer("load-batch-events", defaults.loadBatchEvents(), 1, 10_000_000);
        Duration dedupWindow = node.duration("dedup-window", defaults.dedupWindow(), Duration.ZERO);
        int maxEvent = (int) node.byteSize("max-event-size", defaults.maxEventBytes(), 1 << 10, 16 << 20);
        int maxRequest = (int) node.byteSize("max-request-size", defaults.maxRequestBytes(), 1 << 10, 256 << 20);
        int maxBatch = node.integer("max-batch-events", defaults.maxBatchEvents(), 1, 1_000_000);
        long maxBacklog = node.byteSize("max-backlog", defaults.maxBacklogBytes(), 1 << 20, Long.MAX_VALUE);
        if (maxEvent > maxRequest) {
            node.problems().add(node.path() + ".max-event-size", "must not be larger than max-request-size (" + maxRequest + " bytes)");
        }
        Optional<CollectorConfig.Kafka> kafka = Optional.empty();
        if (node.has("kafka")) {
            ConfigNode kafkaNode = node.object("kafka");
            String servers = kafkaNode.requiredString("bootstrap-servers").orElse("");
            String topic = kafkaNode.string("topic").orElse("ownstack-events");
            Map<String, String> properties = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigNode> entry : kafkaNode.entries("properties").entrySet()) {
                entry.getValue().asString().ifPresent(value -> properties.put(entry.getKey(), value));
            }
            kafkaNode.finish();
            kafka = Optional.of(new CollectorConfig.Kafka(servers, topic, properties));
        } else {
            node.raw("kafka");
        }
        node.finish();
        return new CollectorConfig(log, loadInterval, loadBatch, dedupWindow, maxEvent, maxRequest, maxBatch, maxBacklog, kafka);
    }

    private SourceConfig readEventSource(String name, ConfigNode node) {
        List<String> writeKeys = node.stringList("write-keys");
        if (writeKeys.isEmpty()) {
            node.problems().add(node.path() + ".write-keys", "is required: the keys SDKs send, for example [\"${env:WEB_WRITE_KEY}\"]");
        }
        for (int i = 0; i < writeKeys.size(); i++) {
            String key = writeKeys.get(i);
            if (key.isBlank() || key.contains(":") || key.chars().anyMatch(Character::isWhitespace)) {
                node.problems().add(node.path() + ".write-keys[" + i + "]", "must be non-empty, without spaces or ':'");
            }
        }
        List<String> origins = node.has("allowed-origins") ? node.stringList("allowed-origins") : List.of("*");
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                node.problems().add(node.path() + ".allowed-origins[" + i + "]", "must be * or an origin such as https://www.example.com"
                        + " (scheme, host and optional port; no path), got '" + origin + "'");
            }
        }
        return new SourceConfig.Events(name, writeKeys, origins);
    }

    private static List<TableName> targetTables(SourceConfig source) {
        if (source instanceof SourceConfig.Files files) {
            return List.of(files.table());
        }
        if (source instanceof SourceConfig.Jdbc jdbc) {
            return jdbc.tables().stream().map(SourceConfig.JdbcTable::into).toList();
        }
        return List.of(); // a Singer tap names its tables from its streams at run time

    }

    private WarehouseConfig readWarehouse(ConfigNode node, Path projectDirectory) {
        if (!node.isObject()) {
            node.problems().add("warehouse", "is required (for example: warehouse: {type: duckdb, path: warehouse.duckdb})");
            return new WarehouseConfig.DuckDb(WarehouseConfig.DuckDb.IN_MEMORY);
        }
        String type = node.choice("type", Map.of("duckdb", "duckdb", "postgres", "postgres")).orElse("invalid");
        if (!node.has("type")) {
            node.problems().add(node.path() + ".type", "is required: duckdb or postgres");
        }
        WarehouseConfig config;
        if (type.equals("postgres")) {
            String host = node.string("host").orElse("localhost");
            int port = node.integer("port", 5432, 1, 65535);
            String database = node.requiredString("database").orElse("");
            String user = node.requiredString("user").orElse("");
            Optional<Secret> password = node.secret("password");
            String sslMode = node.choice("ssl-mode", linked("disable", "allow", "prefer", "require", "verify-ca", "verify-full"))
                    .orElse("prefer");
            config = new WarehouseConfig.Postgres(host, port, database, user, password, sslMode);
        } else {
            String path = node.string("path").orElse("warehouse.duckdb");
            String location = path.equals(WarehouseConfig.DuckDb.IN_MEMORY) ? path
                    : projectDirectory.resolve(path).toAbsolutePath().normalize().toString();
            config = new WarehouseConfig.DuckDb(location);
        }
        node.finish();
        return config;
    }

    private Optional<SourceConfig> readSource(String name, ConfigNode node, Path projectDirectory) {
        if (!Identifiers.isValid(name)) {
            node.problems().add(node.path(), "source name '" + name + "' must use letters, digits and _ only");
        }
        if (!node.isObject()) {
            node.problems().add(node.path(), "must be a mapping with at least 'type'");
            return Optional.empty();
        }
        if (!node.has("type")) {
            node.problems().add(node.path() + ".type", "is required: file, jdbc, singer or events");
        }
        Optional<String> type = node.choice("type", linked("file", "jdbc", "singer", "events"));
        Optional<SourceConfig> source = type.map(t -> switch (t) {
            case "file" -> readFileSource(name, node);
            case "jdbc" -> readJdbcSource(name, node);
            case "events" -> readEventSource(name, node);
            default -> readSingerSource(name, node, projectDirectory);
        });
        if (source.isPresent()) {
            node.finish(); // without a known type the other keys can't be judged
        }
        return source;
    }

    private SourceConfig readFileSource(String name, ConfigNode node) {
        List<String> paths = new ArrayList<>(node.stringList("path"));
        paths.addAll(node.stringList("paths"));
        if (paths.isEmpty()) {
            node.problems().add(node.path() + ".path", "is required: a file, a glob such as data/*.csv, or a list under 'paths'");
        }
        Optional<FileFormat> format = node.choice("format", linked("csv", "jsonl", "parquet")).map(f -> FileFormat.valueOf(f.toUpperCase()));
        TableName table = readTable(node, "table", name);
        CsvOptions csv = readCsv(node.object("csv"));
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : node.entries("columns").entrySet()) {
            entry.getValue().asString().ifPresent(typeName -> ColumnType.fromConfigName(typeName).ifPresentOrElse(
                    columnType -> columns.put(entry.getKey(), columnType),
                    () -> node.problems().add(entry.getValue().path(), "unknown column type '" + typeName
                            + "'; use one of " + ColumnType.configNames())));
        }
        OnError onError = readOnError(node);
        return new SourceConfig.Files(name, paths, format, table, csv, columns, onError);
    }

    private CsvOptions readCsv(ConfigNode node) {
        CsvOptions defaults = CsvOptions.DEFAULT;
        char delimiter = singleCharacter(node, "delimiter", defaults.delimiter());
        char quote = singleCharacter(node, "quote", defaults.quote());
        boolean header = node.bool("header", defaults.header());
        List<String> nullValues = node.has("null-values") ? node.stringList("null-values") : defaults.nullValues();
        node.finish();
        return new CsvOptions(delimiter, quote, header, nullValues);
    }

    private static char singleCharacter(ConfigNode node, String key, char defaultValue) {
        Optional<String> text = node.string(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String value = text.get().equals("\\t") ? "\t" : text.get();
        if (value.length() != 1) {
            node.problems().add(node.path() + "." + key, "must be a single character, got '" + text.get() + "'");
            return defaultValue;
        }
        return value.charAt(0);
    }

    private SourceConfig readJdbcSource(String name, ConfigNode node) {
        String url = node.requiredString("url").orElse("jdbc:invalid");
        if (!url.startsWith("jdbc:")) {
            // the value is not quoted: a URL written by hand may carry credentials
            node.problems().add(node.path() + ".url", "must be a JDBC URL starting with jdbc:, such as jdbc:postgresql://host:5432/database");
        }
        if (url.contains("password=")) {
            node.problems().add(node.path() + ".url", "must not contain a password; put it under 'password' as ${env:NAME}");
        }
        Optional<String> user = node.string("user");
        Optional<Secret> password = node.secret("password");
        List<SourceConfig.JdbcTable> tables = new ArrayList<>();
        List<ConfigNode> tableNodes = node.list("tables");
        if (tableNodes.isEmpty()) {
            node.problems().add(node.path() + ".tables", "is required: a list of tables, each with at least 'table'");
        }
        for (ConfigNode tableNode : tableNodes) {
            String table = tableNode.requiredString("table").orElse("invalid");
            Optional<String> cursor = tableNode.string("cursor");
            List<String> primaryKey = tableNode.stringList("primary-key");
            if (cursor.isPresent() && primaryKey.isEmpty()) {
                tableNode.problems().add(tableNode.path() + ".primary-key",
                        "is required with a cursor, so that rows read again at the cursor boundary are updated, not duplicated");
            }
            String defaultInto = name + "_" + Identifiers.sanitize(table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table);
            TableName into = readTable(tableNode, "into", defaultInto);
            tableNode.finish();
            tables.add(new SourceConfig.JdbcTable(table, cursor, primaryKey, into));
        }
        return new SourceConfig.Jdbc(name, url, user, password, tables);
    }

    private SourceConfig readSingerSource(String name, ConfigNode node, Path projectDirectory) {
        List<String> command = node.stringList("command");
        if (command.isEmpty()) {
            node.problems().add(node.path() + ".command", "is required: the tap's executable and its arguments, for example [tap-csv]");
        }
        Optional<JsonNode> tapConfig = node.resolvedTree("config");
        tapConfig.ifPresent(config -> {
            if (!config.isObject()) {
                node.problems().add(node.path() + ".config", "must be a mapping (it is written as the tap's config.json)");
            }
        });
        Optional<String> catalog = node.string("catalog")
                .map(path -> projectDirectory.resolve(path).toAbsolutePath().normalize().toString());
        String prefix = node.string("table-prefix").orElse(name + "_");
        if (!prefix.isEmpty() && !Identifiers.isValid(prefix)) {
            node.problems().add(node.path() + ".table-prefix", "must use letters, digits and _ only, got '" + prefix + "'");
        }
        return new SourceConfig.Singer(name, command, projectDirectory, tapConfig, catalog, prefix, readOnError(node));
    }

    private OnError readOnError(ConfigNode node) {
        return node.choice("on-error", linked("fail", "skip")).map(value -> OnError.valueOf(value.toUpperCase())).orElse(OnError.FAIL);
    }

    private TableName readTable(ConfigNode node, String key, String defaultName) {
        String text = node.string(key).orElse(defaultName);
        try {
            TableName table = TableName.parse(text, TableName.RAW_SCHEMA);
            if (OWNED_SCHEMAS.contains(table.schema())) {
                node.problems().add(node.path() + "." + key, "schema '" + table.schema()
                        + "' is managed by ownstack; load sources into raw (the default) or a schema of your own");
            }
            return table;
        } catch (OwnstackException e) {
            node.problems().add(node.path() + "." + key, e.getMessage());
            return new TableName(TableName.RAW_SCHEMA, "invalid");
        }
    }

    private static Map<String, String> linked(String... words) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String word : words) {
            map.put(word, word);
        }
        return map;
    }
}
