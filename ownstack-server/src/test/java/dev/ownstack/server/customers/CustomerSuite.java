package dev.ownstack.server.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Customer search and the customer 360 on one engine, over {@link PeopleFixture} resolved and built once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CustomerSuite {
    protected Warehouse warehouse;
    private final CustomerSearch search = new CustomerSearch(PeopleFixture.CONFIG.identity());
    private final CustomerProfile profile = new CustomerProfile(PeopleFixture.CONFIG.identity(), PeopleFixture.CONFIG.models().orElseThrow(),
            Clock.fixed(PeopleFixture.NOW, ZoneOffset.UTC));
    private String ann;
    private String bob;

    protected abstract Warehouse open();

    protected void dispose() {
    }

    @BeforeAll
    void load() {
        warehouse = open();
        PeopleFixture.load(warehouse);
        ann = PeopleFixture.customerOf(warehouse, "crm", "C1");
        bob = PeopleFixture.customerOf(warehouse, "crm", "C2");
    }

    @AfterAll
    void close() {
        warehouse.close();
        dispose();
    }

    private List<String> found(String query) {
        return search.search(warehouse, query).stream().map(match -> match.customerId() + " " + match.matchedKey() + "=" + match.matchedValue())
                .toList();
    }

    @Test
    void finds_a_customer_by_email_normalised_as_identity_does() {
        assertEquals(List.of(ann + " email=ann.work@example.com"), found("  Ann.Work@EXAMPLE.com "));
        CustomerSearch.Match match = search.search(warehouse, "bob@example.org").get(0);
        assertEquals(new CustomerSearch.Match(bob, "Bob Stone", "bob@example.org", "email", "bob@example.org"), match);
    }

    @Test
    void finds_a_customer_by_a_phone_number_written_without_the_country_code() {
        assertEquals(List.of(ann + " phone=+447911123456"), found("07911 123456"));
    }

    @Test
    void finds_a_customer_by_user_id_anonymous_id_record_and_customer_id() {
        assertEquals(List.of(ann + " user_id=1001"), found("1001"));
        assertEquals(List.of(ann + " anonymous_id=dev-1"), found("dev-1"));
        assertEquals(List.of(bob + " record=crm/C2"), found("crm/C2"));
        assertEquals(List.of(bob + " customer_id=" + bob), found(bob));
    }

    @Test
    void finds_customers_by_the_start_of_a_name_ignoring_case() {
        assertEquals(List.of(ann + " name=Ann Lee"), found("ann"));
        assertEquals(List.of(ann + " name=Ann Lee"), found("ANN L"));
        assertEquals(List.of(bob + " name=Bob Stone"), found("sto"));
        assertEquals(List.of(), found("100%"));
        assertEquals(List.of(), found("nobody"));
    }

    @Test
    void leads_an_id_merged_away_to_the_customer_it_went_to() {
        String merged = PeopleFixture.mergedId(warehouse);
        assertNotEquals(ann, merged);
        assertEquals(List.of(ann + " merged customer id=" + merged), found(merged));
        ObjectNode body = profile.read(warehouse, merged, 20);
        assertEquals(ann, body.path("customer_id").asText());
        assertEquals(merged, body.path("merged_from").path("customer_id").asText());
        assertEquals(2, body.path("merged_from").path("run_id").asLong());
    }

    @Test
    void refuses_an_empty_or_overlong_query() {
        OwnstackException empty = assertThrows(OwnstackException.class, () -> search.search(warehouse, "  "));
        assertEquals(ErrorCode.INPUT_INVALID, empty.code());
        OwnstackException overlong = assertThrows(OwnstackException.class, () -> search.search(warehouse, "x".repeat(201)));
        assertTrue(overlong.getMessage().contains("at most 200 characters, got 201"), overlong.getMessage());
    }

    @Test
    void answers_the_golden_record_with_types_and_kinds() {
        JsonNode record = profile.read(warehouse, ann, 20).path("golden_record");
        List<String> columns = new ArrayList<>();
        record.forEach(column -> columns.add(column.path("name").asText() + ":" + column.path("type").asText() + ":" + column.path("kind").asText()));
        assertEquals(List.of("customer_id:string:built-in", "first_name:string:attribute", "last_name:string:attribute", "email:string:attribute",
                "first_seen:timestamp:built-in", "last_seen:timestamp:built-in", "record_count:bigint:built-in", "source_count:bigint:built-in",
                "orders:bigint:trait", "revenue:decimal:trait"), columns);
        assertEquals("Ann", record.get(1).path("value").asText());
        assertEquals(4, record.get(6).path("value").asLong());
        assertEquals(100, record.get(9).path("value").asInt());
    }

    @Test
    void answers_identities_and_the_explanation() {
        JsonNode body = profile.read(warehouse, ann, 20);
        List<String> identities = new ArrayList<>();
        body.path("identities").forEach(identity -> identities.add(identity.path("key").asText() + "=" + identity.path("value").asText() + " "
                + identity.path("source").asText() + "/" + identity.path("record_id").asText() + " " + identity.path("status").asText()));
        assertTrue(identities.contains("email=ann.work@example.com crm/C3 linked"), identities.toString());
        assertTrue(identities.contains("phone=+447911123456 crm/C1 linked"), identities.toString());
        assertTrue(identities.contains("anonymous_id=dev-1 web/dev-1 linked"), identities.toString());
        List<String> titles = new ArrayList<>();
        body.path("explain").forEach(section -> titles.add(section.path("title").asText()));
        assertEquals(List.of("Records of " + ann, "Keys", "Links (values shared by records)", "Probabilistic links", "Dropped links",
                "Blocked values", "Id history"), titles);
        assertEquals(4, body.path("explain").get(0).path("rows").size());
        assertEquals(List.of("source", "record", "precedence", "updated at"), strings(body.path("explain").get(0).path("columns")));
    }

    @Test
    void answers_scores_with_their_model_and_version() {
        JsonNode scores = profile.read(warehouse, bob, 20).path("scores");
        assertEquals(1, scores.size(), scores.toString());
        assertEquals("churn_probability", scores.get(0).path("name").asText());
        assertEquals(0.75, scores.get(0).path("value").asDouble());
        assertEquals("churn", scores.get(0).path("model").asText());
        assertEquals("v1", scores.get(0).path("version").asText());
    }

    @Test
    void answers_events_and_transactions_newest_first_up_to_the_limit() {
        JsonNode body = profile.read(warehouse, ann, 1);
        JsonNode transactions = body.path("transactions");
        int id = strings(transactions.path("columns")).indexOf("transaction_id");
        assertEquals(1, transactions.path("rows").size());
        assertEquals("o2", transactions.path("rows").get(0).get(id).asText());
        JsonNode events = profile.read(warehouse, ann, 20).path("events");
        int event = strings(events.path("columns")).indexOf("event");
        assertEquals(List.of("Product Viewed", "Signed Up"), List.of(events.path("rows").get(0).get(event).asText(),
                events.path("rows").get(1).get(event).asText()));
        assertEquals(0, profile.read(warehouse, bob, 20).path("transactions").path("rows").size());
    }

    @Test
    void answers_the_audiences_whose_latest_run_has_the_customer() {
        JsonNode audiences = profile.read(warehouse, ann, 20).path("audiences");
        assertEquals(1, audiences.size());
        assertEquals("buyers", audiences.get(0).path("audience").asText());
        assertEquals(1, audiences.get(0).path("run_id").asLong());
        assertEquals(PeopleFixture.NOW.toString(), audiences.get(0).path("computed_at").asText());
        assertEquals(0, profile.read(warehouse, bob, 20).path("audiences").size());
    }

    @Test
    void refuses_an_unknown_id_naming_it() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> profile.read(warehouse, "cus_0000000000000000", 20));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("'cus_0000000000000000'"), e.getMessage());
        assertFalse(Optional.ofNullable(e.getMessage()).orElse("").isEmpty());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }
}
