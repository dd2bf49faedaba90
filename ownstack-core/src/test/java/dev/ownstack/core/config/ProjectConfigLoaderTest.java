package dev.ownstack.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final Map<String, String> ENVIRONMENT = Map.of("PG_PASSWORD", SECRET, "SHOP_PASSWORD", SECRET, "TAP_TOKEN", SECRET);
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
    void accepts_reserved_sections_with_a_note() {
        ProjectConfig config = parse("warehouse: {type: duckdb}\nidentity: {keys: [email]}\nsyncs: {}\n");
        assertEquals(List.of("identity: reserved for a later version of ownstack; ignored for now"), config.notes());
    }

    @Test
    void reports_a_missing_warehouse_and_source_type() {
        OwnstackException error = failure("sources:\n  orders: {path: x.csv}\n");
        assertEquals(List.of("warehouse: is required (for example: warehouse: {type: duckdb, path: warehouse.duckdb})",
                "sources.orders.type: is required: file, jdbc or singer"), error.details());
    }
}
