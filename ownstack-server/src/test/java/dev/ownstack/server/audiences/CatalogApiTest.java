package dev.ownstack.server.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.ServerConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.models.EventsModel;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.server.TestServer;
import dev.ownstack.warehouse.RowWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/catalog} over a real server, on the model tables of {@link ShopWarehouse} with a churn score. */
class CatalogApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopWarehouse shop;
    private TestServer test;

    @BeforeEach
    void start() throws IOException {
        shop = new ShopWarehouse();
        TableName scores = new TableName("model", "customer_scores");
        List<Column> columns = List.of(new Column("customer_id", ColumnType.STRING), new Column("churn_decile", ColumnType.BIGINT));
        shop.held.ensureTable(scores, columns, List.of());
        try (RowWriter writer = shop.held.append(scores, List.of("customer_id", "churn_decile"))) {
            writer.write(new Object[] {"c1", 10L});
        }
        AudienceDefinition gb = AudienceParser.parseDefinition(JSON.readTree(
                "{\"name\": \"gb\", \"description\": \"In Britain\", \"rule\": {\"trait\": \"country\", \"operator\": \"equals\", \"value\": \"GB\"}}"));
        ModelsConfig models = new ModelsConfig(Optional.of(Instant.parse("2025-01-01T00:00:00Z")), List.of(), Optional.empty(), EventsModel.DEFAULT,
                List.of());
        ProjectConfig config = new ProjectConfig(Path.of("/tmp/unused"), "test", new WarehouseConfig.DuckDb(WarehouseConfig.DuckDb.IN_MEMORY),
                Map.of(), new ServerConfig("127.0.0.1", 0, List.of(Secret.literal(TestServer.API_KEY)), List.of()),
                CollectorConfig.defaults(Path.of("/tmp/unused")), Optional.empty(), Optional.of(models), Map.of("gb", gb), List.of());
        test = TestServer.start(config, shop::open);
    }

    @AfterEach
    void stop() {
        test.close();
        shop.close();
    }

    @Test
    void lists_traits_with_their_kinds_and_the_values_of_text_traits() throws IOException {
        JsonNode catalog = catalog();
        assertEquals(List.of("customer_id:string:text", "email:string:text", "country:string:text", "vip:boolean:boolean",
                "revenue:decimal:number", "first_seen:timestamp:time", "profile:json:json"), columns(catalog.path("traits")));
        JsonNode country = catalog.path("traits").get(2);
        assertEquals("[\"GB\",\"DE\",\"US\"]", country.path("values").toString(), "GB twice first, then by text; no NULL");
        assertEquals("[]", catalog.path("traits").get(3).path("values").toString(), "only text traits have values");
        assertEquals(List.of("churn_decile:bigint:number"), columns(catalog.path("scoreTraits")));
        assertEquals("2025-01-01T00:00:00Z", catalog.path("asOf").asText());
    }

    @Test
    void lists_events_with_their_properties_types_and_values() throws IOException {
        JsonNode events = catalog().path("events");
        assertEquals(List.of("Order Completed:1", "Product Viewed:2"), List.of(events.get(0).path("name").asText() + ":"
                + events.get(0).path("properties").size(), events.get(1).path("name").asText() + ":" + events.get(1).path("count").asLong()));
        JsonNode total = events.get(0).path("properties").get(0);
        assertEquals("total", total.path("name").asText());
        assertEquals("[\"number\"]", total.path("types").toString());
        assertEquals("[\"number\",\"json\"]", total.path("kinds").toString());
        assertEquals("[40,450]", total.path("values").toString());
        JsonNode sku = events.get(1).path("properties").get(0);
        assertEquals("[\"text\",\"iso-time\",\"json\"]", sku.path("kinds").toString());
        assertEquals("[\"A\",\"B\"]", sku.path("values").toString());
    }

    @Test
    void lists_transactions_audiences_operators_and_window_units() throws IOException {
        JsonNode catalog = catalog();
        assertEquals(List.of("transaction_id:string:text", "customer_id:string:text", "occurred_at:timestamp:time", "amount:decimal:number",
                "type:string:text"), columns(catalog.path("transactions").path("columns")));
        assertEquals("[\"order\"]", catalog.path("transactions").path("types").toString());
        assertEquals("[{\"name\":\"gb\",\"origin\":\"ownstack.yml\",\"description\":\"In Britain\"}]", catalog.path("audiences").toString());
        JsonNode operators = catalog.path("operators");
        assertEquals("[\"equals\",\"not-equals\",\"in\",\"not-in\",\"contains\",\"starts-with\",\"is-set\",\"is-not-set\"]",
                operators.path("text").toString());
        assertEquals("[\"equals\",\"not-equals\",\"in\",\"not-in\",\"greater\",\"greater-or-equal\",\"less\",\"less-or-equal\",\"between\"]",
                operators.path("measure").toString());
        assertEquals("[\"is-set\",\"is-not-set\"]", operators.path("json").toString());
        assertEquals(List.of("text", "number", "boolean", "date", "time", "iso-time", "json", "measure"), names(operators));
        assertEquals("[\"at-least\",\"at-most\",\"exactly\"]", catalog.path("countOperators").toString());
        assertEquals("[\"count\",\"sum\",\"average\"]", catalog.path("transactionMeasures").toString());
        assertEquals("[{\"name\":\"days\",\"days\":1},{\"name\":\"weeks\",\"days\":7}]", catalog.path("windowUnits").toString());
    }

    @Test
    void an_audience_saved_since_is_listed_at_once() throws IOException {
        HttpResponse<String> created = test.send(test.request("/api/audiences").header("Authorization", "Bearer " + TestServer.API_KEY)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"vip\", \"rule\": {\"trait\": \"vip\", \"operator\": \"equals\", \"value\": true}}")).build());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("gb", "vip"), texts(catalog().path("audiences")));
    }

    @Test
    void offers_only_values_seen_more_than_once_when_not_all_fit() {
        Map<JsonNode, Long> counts = new HashMap<>();
        for (String value : List.of("a", "b", "c", "d", "e", "f")) {
            counts.put(JSON.getNodeFactory().textNode(value), value.equals("d") ? 3L : 1L);
        }
        assertEquals("[\"d\"]", CatalogSamples.frequent(counts).toString().replace(" ", ""));
        counts.remove(JSON.getNodeFactory().textNode("f"));
        assertEquals("[\"d\",\"a\",\"b\",\"c\",\"e\"]", CatalogSamples.frequent(counts).toString().replace(" ", ""));
    }

    private JsonNode catalog() throws IOException {
        HttpResponse<String> response = test.send(test.request("/api/catalog").header("Authorization", "Bearer " + TestServer.API_KEY).GET().build());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static List<String> columns(JsonNode items) {
        List<String> columns = new ArrayList<>();
        items.forEach(item -> columns.add(item.path("name").asText() + ":" + item.path("type").asText() + ":" + item.path("kind").asText()));
        return columns;
    }

    private static List<String> texts(JsonNode items) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.path("name").asText()));
        return texts;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
