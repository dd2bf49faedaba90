package dev.ownstack.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.audiences.AllOf;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceMembership;
import dev.ownstack.core.config.audiences.EventCondition;
import dev.ownstack.core.config.audiences.Operator;
import dev.ownstack.core.config.audiences.RuleValue;
import dev.ownstack.core.config.audiences.TimeWindow;
import dev.ownstack.core.config.audiences.TraitCondition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.ErrorKind;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectConfigLoaderTest {
    private static final String SECRET = "s3cr3t-Pa55word";
    private static final Map<String, String> ENVIRONMENT = Map.of("PG_PASSWORD", SECRET, "SHOP_PASSWORD", SECRET, "TAP_TOKEN", SECRET,
            "API_KEY", "0123456789abcdef-api", "WEB_KEY", "web-write-key");
    private static final Path PROJECT = Path.of("/projects/acme");

    private final ProjectConfigLoader loader = new ProjectConfigLoader(name -> Optional.ofNullable(ENVIRONMENT.get(name)));

    private ProjectConfig parse(String yaml) {
        return loader.parse(PROJECT, "ownstack.yml", yaml);
    }

    private OwnstackException failure(String yaml) {
        return assertThrows(OwnstackException.class, () -> parse(yaml));
    }

    @Test
    void reads_a_complete_configuration() {
        ProjectConfig config = parse("""
                version: 1
                name: acme
                warehouse:
                  type: postgres
                  host: db.internal
                  port: 6543
                  database: analytics
                  user: ownstack
                  password: ${env:PG_PASSWORD}
                  ssl-mode: require
                sources:
                  orders:
                    type: file
                    paths: [data/orders/*.csv, data/extra.csv]
                    format: csv
                    csv: {delimiter: ";", header: true, null-values: ["", "NA"]}
                    columns: {invoice_no: string, amount: decimal}
                    on-error: skip
                  shop:
                    type: jdbc
                    url: jdbc:postgresql://shop.internal/shop
                    user: reader
                    password: ${env:SHOP_PASSWORD}
                    tables:
                      - table: public.customers
                        cursor: updated_at
                        primary-key: [id]
                      - table: public.countries
                        into: reference.countries
                  crm:
                    type: singer
                    command: [tap-hubspot, --verbose]
                    config: {token: "${env:TAP_TOKEN}", start_date: "2024-01-01"}
                    catalog: taps/catalog.json
                    table-prefix: hubspot_
                """);
        WarehouseConfig.Postgres warehouse = assertInstanceOf(WarehouseConfig.Postgres.class, config.warehouse());
        assertEquals("db.internal", warehouse.host());
        assertEquals(6543, warehouse.port());
        assertEquals(SECRET, warehouse.password().orElseThrow().reveal());
        assertEquals("require", warehouse.sslMode());

        SourceConfig.Files orders = assertInstanceOf(SourceConfig.Files.class, config.sources().get("orders"));
        assertEquals(List.of("data/orders/*.csv", "data/extra.csv"), orders.paths());
        assertEquals(new TableName("raw", "orders"), orders.table());
        assertEquals(';', orders.csv().delimiter());
        assertEquals(List.of("", "NA"), orders.csv().nullValues());
        assertEquals(Map.of("invoice_no", ColumnType.STRING, "amount", ColumnType.DECIMAL), orders.columnTypes());
        assertEquals(OnError.SKIP, orders.onError());

        SourceConfig.Jdbc shop = assertInstanceOf(SourceConfig.Jdbc.class, config.sources().get("shop"));
        assertEquals(new TableName("raw", "shop_customers"), shop.tables().get(0).into());
        assertEquals(Optional.of("updated_at"), shop.tables().get(0).cursor());
        assertEquals(new TableName("reference", "countries"), shop.tables().get(1).into());

        SourceConfig.Singer crm = assertInstanceOf(SourceConfig.Singer.class, config.sources().get("crm"));
        assertEquals(SECRET, crm.tapConfig().orElseThrow().get("token").asText());
        assertEquals("hubspot_", crm.tablePrefix());
        assertEquals(Optional.of(PROJECT.resolve("taps/catalog.json").toAbsolutePath().normalize().toString()), crm.catalog());
    }

    @Test
    void defaults_to_an_embedded_duckdb_file_inside_the_project() {
        ProjectConfig config = parse("warehouse: {type: duckdb}\n");
        WarehouseConfig.DuckDb duckDb = assertInstanceOf(WarehouseConfig.DuckDb.class, config.warehouse());
        assertEquals(PROJECT.resolve("warehouse.duckdb").toAbsolutePath().normalize().toString(), duckDb.location());
        assertEquals("acme", config.name());
        assertTrue(config.sources().isEmpty());
    }

    @Test
    void reports_five_different_mistakes_at_once_with_their_paths_and_values() {
        OwnstackException error = failure("""
                warehouse:
                  type: postgres
                  port: fifty
                  user: ownstack
                  password: ${env:MISSING_PASSWORD}
                sources:
                  orders:
                    type: file
                    path: data/*.csv
                    on-eror: skip
                    format: xml
                """);
        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertEquals(ErrorKind.USER, error.kind());
        List<String> problems = error.details();
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertTrue(problems.contains("warehouse.port: must be a whole number, got 'fifty'"), problems.toString());
        assertTrue(problems.contains("warehouse.database: is required"), problems.toString());
        assertTrue(problems.contains("warehouse.password: environment variable MISSING_PASSWORD is not set"), problems.toString());
        assertTrue(problems.contains("sources.orders.format: must be one of csv, jsonl, parquet, got 'xml'"), problems.toString());
        assertTrue(problems.contains("sources.orders.on-eror: unknown key (did you mean 'on-error'?)"), problems.toString());
        assertTrue(error.getMessage().contains("5 problems"), error.getMessage());
    }

    @Test
    void reports_bad_references_between_sections() {
        OwnstackException error = failure("""
                warehouse: {type: duckdb}
                sources:
                  a: {type: file, path: a.csv, table: raw.shared}
                  b: {type: file, path: b.csv, table: shared}
                  c: {type: file, path: c.csv, table: model.customers}
                  shop:
                    type: jdbc
                    url: jdbc:postgresql://x/y
                    tables: [{table: orders, cursor: updated_at}]
                """);
        String all = String.join("\n", error.details());
        assertTrue(all.contains("sources.b: loads into raw.shared, which source 'a' already loads"), all);
        assertTrue(all.contains("sources.c.table: schema 'model' is managed by ownstack"), all);
        assertTrue(all.contains("sources.shop.tables[0].primary-key: is required with a cursor"), all);
    }

    @Test
    void never_prints_a_secret_value() {
        ProjectConfig config = parse("""
                warehouse: {type: postgres, database: d, user: u, password: "${env:PG_PASSWORD}"}
                sources:
                  crm: {type: singer, command: tap, config: {token: "${env:TAP_TOKEN}"}}
                """);
        assertFalse(config.toString().contains(SECRET), config.toString());
        assertEquals("${env:PG_PASSWORD}", ((WarehouseConfig.Postgres) config.warehouse()).password().orElseThrow().toString());

        OwnstackException error = failure("""
                warehouse: {type: postgres, database: d, user: u, password: {value: "${env:PG_PASSWORD}"}, port: -1}
                sources:
                  shop: {type: jdbc, url: "jdbc:postgresql://h/d?password=${env:SHOP_PASSWORD}", tables: [{table: t}]}
                """);
        String everything = error.getMessage() + String.join("\n", error.details());
        assertFalse(everything.contains(SECRET), everything);
    }

    @Test
    void notes_a_literal_secret_without_failing() {
        ProjectConfig config = parse("warehouse: {type: postgres, database: d, user: u, password: hunter2}\n");
        assertEquals("hunter2", ((WarehouseConfig.Postgres) config.warehouse()).password().orElseThrow().reveal());
        assertTrue(config.notes().get(0).startsWith("warehouse.password: secret written in the file"), config.notes().toString());
        assertFalse(config.toString().contains("hunter2"));
    }

    @Test
    void names_the_line_of_a_yaml_syntax_error() {
        OwnstackException error = failure("warehouse:\n  type: duckdb\n   path: [unclosed\n");
        assertTrue(error.getMessage().startsWith("ownstack.yml is not valid YAML at line 3"), error.getMessage());
    }

    @Test
    void rejects_duplicate_keys() {
        OwnstackException error = failure("warehouse: {type: duckdb}\nwarehouse: {type: postgres}\n");
        assertTrue(error.getMessage().contains("Duplicate field 'warehouse'"), error.getMessage());
    }

    @Test
    void reads_audiences_in_the_json_shape_of_the_api() {
        ProjectConfig config = parse("""
                warehouse: {type: duckdb}
                audiences:
                  gb_buyers:
                    description: Buyers in Great Britain
                    holdout-percent: 10
                    rule:
                      all:
                        - {trait: country, operator: equals, value: GB}
                        - {event: Order Completed, within-days: 30}
                  gb_buyers_sample:
                    sample-percent: 5
                    rule: {audience: gb_buyers}
                """);
        assertEquals(List.of("gb_buyers", "gb_buyers_sample"), List.copyOf(config.audiences().keySet()));
        AudienceDefinition buyers = config.audiences().get("gb_buyers");
        assertEquals(new AudienceDefinition("gb_buyers", "Buyers in Great Britain", AllOf.of(
                TraitCondition.of("country", Operator.EQUALS, RuleValue.of("GB")),
                EventCondition.performed("Order Completed").withWindow(new TimeWindow.LastDays(30))), 10, 100), buyers);
        assertEquals(new AudienceDefinition("gb_buyers_sample", "", new AudienceMembership("gb_buyers"), 0, 5),
                config.audiences().get("gb_buyers_sample"));
        assertEquals(List.of(), config.notes());
    }

    @Test
    void reports_audience_problems_with_their_path_in_the_file() {
        OwnstackException error = failure("""
                warehouse: {type: duckdb}
                audiences:
                  vip:
                    rule:
                      all:
                        - {trait: country, operator: equals, value: GB}
                        - {audience: a}
                        - {trait: orders, operator: gte2, value: 3}
                  bad name: {rule: {all: []}}
                  empty: {}
                """);
        assertEquals(List.of(
                "audiences.vip.rule.all[2].operator: unknown operator \"gte2\"; expected one of " + String.join(", ", Operator.jsonNames()),
                "audiences.bad name: audience name \"bad name\" must use letters, digits, _ and -, start with a letter and be at most 63 characters",
                "audiences.empty.rule: is required"), error.details());
    }

    @Test
    void reports_a_missing_warehouse_and_source_type() {
        OwnstackException error = failure("sources:\n  orders: {path: x.csv}\n");
        assertEquals(List.of("warehouse: is required (for example: warehouse: {type: duckdb, path: warehouse.duckdb})",
                "sources.orders.type: is required: file, jdbc, singer or events"), error.details());
    }

    @Test
    void reads_event_sources_the_server_and_the_collector() {
        ProjectConfig config = parse("""
                warehouse: {type: duckdb}
                sources:
                  web:
                    type: events
                    write-keys: ["${env:WEB_KEY}", second-key]
                    allowed-origins: [https://www.acme.com, "http://localhost:3000"]
                  backend: {type: events, write-keys: server-key}
                  orders: {type: file, path: data/orders.csv}
                server:
                  port: 9090
                  api-keys: ["${env:API_KEY}"]
                  trusted-proxies: [10.0.0.0/8, "::1"]
                collector:
                  load-interval: 500ms
                  dedup-window: 2d
                  max-event-size: 64KB
                  max-request-size: 1 MB
                  max-batch-events: 5000
                  max-backlog: 10GB
                  kafka: {bootstrap-servers: "k1:9092,k2:9092", topic: events, properties: {security.protocol: SSL}}
                """);
        SourceConfig.Events web = assertInstanceOf(SourceConfig.Events.class, config.source("web").orElseThrow());
        assertEquals(List.of("web-write-key", "second-key"), web.writeKeys());
        assertTrue(web.allowsOrigin("http://localhost:3000"));
        assertFalse(web.allowsOrigin("https://evil.example"));
        assertTrue(((SourceConfig.Events) config.source("backend").orElseThrow()).allowsOrigin("https://any.example"));
        assertFalse(web.toString().contains("web-write-key"), web.toString());
        assertEquals(List.of("orders"), config.batchSources().stream().map(SourceConfig::name).toList());
        assertEquals(List.of("web", "backend"), config.eventSources().stream().map(SourceConfig::name).toList());
        assertEquals(9090, config.server().port());
        assertEquals("0123456789abcdef-api", config.server().apiKeys().get(0).reveal());
        assertEquals(List.of("10.0.0.0/8", "::1"), config.server().trustedProxies());
        CollectorConfig collector = config.collector();
        assertEquals(java.time.Duration.ofMillis(500), collector.loadInterval());
        assertEquals(java.time.Duration.ofDays(2), collector.dedupWindow());
        assertEquals(64 << 10, collector.maxEventBytes());
        assertEquals(1 << 20, collector.maxRequestBytes());
        assertEquals(5000, collector.maxBatchEvents());
        assertEquals(10L << 30, collector.maxBacklogBytes());
        assertEquals(PROJECT.resolve(".ownstack/events").toAbsolutePath().normalize(), collector.logDirectory());
        assertEquals(new CollectorConfig.Kafka("k1:9092,k2:9092", "events", Map.of("security.protocol", "SSL")), collector.kafka().orElseThrow());
    }

    @Test
    void defaults_the_server_and_the_collector() {
        ProjectConfig config = parse("warehouse: {type: duckdb}\n");
        assertEquals(ServerConfig.DEFAULT, config.server());
        assertEquals(CollectorConfig.defaults(PROJECT), config.collector());
        assertEquals(5, config.collector().loadInterval().toSeconds());
        assertEquals(32 * 1024, config.collector().maxEventBytes());
        assertEquals(500 * 1024, config.collector().maxRequestBytes());
        assertEquals(2500, config.collector().maxBatchEvents());
    }

    @Test
    void reads_the_session_timeouts_and_checks_the_idle_one_is_not_the_longer() {
        ServerConfig server = parse("warehouse: {type: duckdb}\nserver: {session-idle-timeout: 10m, session-max-age: 8h}\n").server();
        assertEquals(java.time.Duration.ofMinutes(10), server.sessionIdleTimeout());
        assertEquals(java.time.Duration.ofHours(8), server.sessionMaxAge());
        assertEquals(java.time.Duration.ofMinutes(30), ServerConfig.DEFAULT.sessionIdleTimeout());
        assertEquals(java.time.Duration.ofHours(12), ServerConfig.DEFAULT.sessionMaxAge());
        assertEquals(server.sessionMaxAge(), server.withPort(1).withBind("127.0.0.1").sessionMaxAge());
        OwnstackException error = failure("warehouse: {type: duckdb}\nserver: {session-idle-timeout: 2h, session-max-age: 1h}\n");
        assertEquals(List.of("server.session-idle-timeout: must not be longer than session-max-age (60 minutes), got 120 minutes"),
                error.details());
        assertEquals(List.of("server.session-max-age: must be at least 60000ms, got '10s'"),
                failure("warehouse: {type: duckdb}\nserver: {session-idle-timeout: 1m, session-max-age: 10s}\n").details());
    }

    @Test
    void reports_every_mistake_in_event_sources_server_and_collector() {
        OwnstackException error = failure("""
                warehouse: {type: duckdb}
                sources:
                  web: {type: events, allowed-origins: ["https://acme.com/shop"]}
                  app: {type: events, write-keys: ["has space", shared]}
                  api: {type: events, write-keys: [shared]}
                  history: {type: file, path: e.jsonl, table: events}
                server:
                  api-keys: [short]
                  trusted-proxies: [proxy.internal]
                  prot: 80
                collector:
                  load-interval: soon
                  max-event-size: 2MB
                  max-request-size: 1MB
                """);
        List<String> problems = error.details();
        assertEquals(List.of(
                "sources.web.write-keys: is required: the keys SDKs send, for example [\"${env:WEB_WRITE_KEY}\"]",
                "sources.web.allowed-origins[0]: must be * or an origin such as https://www.example.com (scheme, host and optional port;"
                        + " no path), got 'https://acme.com/shop'",
                "sources.app.write-keys[0]: must be non-empty, without spaces or ':'",
                "sources.history: loads into raw.events, where event sources (web) land; give it another table",
                "sources.api.write-keys: a write key is also used by source 'app'; each key must name one source",
                "server.api-keys[0]: must be at least 16 characters long (it guards the REST API)",
                "server.trusted-proxies[0]: must be an IP address or a range such as 10.0.0.0/8, got 'proxy.internal'",
                "server.prot: unknown key (did you mean 'port'?)",
                "collector.load-interval: must be a duration such as 500ms, 5s, 10m, 24h or 7d, got 'soon'",
                "collector.max-event-size: must not be larger than max-request-size (1048576 bytes)"), problems);
    }
}
