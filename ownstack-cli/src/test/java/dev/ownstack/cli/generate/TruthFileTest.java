package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class TruthFileTest {

    private static Map<String, Map<String, String>> personBySourceAndRecord;

    @BeforeAll
    static void readTruth() {
        personBySourceAndRecord = new HashMap<>();
        CsvTable truth = SampleData.csv(OutputFiles.TRUTH);
        assertEquals(List.of("source", "record_id", "person_id"), truth.header());
        for (List<String> row : truth.rows()) {
            String previous = personBySourceAndRecord.computeIfAbsent(row.get(0), source -> new HashMap<>())
                    .put(row.get(1), row.get(2));
            assertEquals(null, previous, "record listed twice in truth: " + row);
        }
    }

    @Test
    void every_contact_record_has_exactly_one_person() {
        assertCovered(ContactSources.CRM_SOURCE, SampleData.csv(OutputFiles.CRM_CONTACTS).column("contact_id"));
        assertCovered(ContactSources.SHOP_SOURCE, SampleData.csv(OutputFiles.SHOP_CUSTOMERS).column("customer_id"));
        assertCovered(ContactSources.NEWSLETTER_SOURCE,
                SampleData.jsonLines(OutputFiles.NEWSLETTER_SIGNUPS).map(signup -> signup.get("id").asText()).toList());
    }

    @Test
    void every_anonymous_id_and_user_id_in_events_has_a_person() {
        Set<String> anonymousIds = new HashSet<>();
        Set<String> userIds = new HashSet<>();
        SampleData.jsonLines(OutputFiles.EVENTS).forEach(event -> {
            JsonNode anonymousId = event.get("anonymousId");
            JsonNode userId = event.get("userId");
            assertTrue(anonymousId != null || userId != null, "event without any id: " + event);
            if (anonymousId != null) {
                anonymousIds.add(anonymousId.asText());
            }
            if (userId != null) {
                userIds.add(userId.asText());
            }
        });
        assertEquals(anonymousIds, personBySourceAndRecord.get(EventStream.ANONYMOUS_ID_SOURCE).keySet());
        assertEquals(userIds, personBySourceAndRecord.get(EventStream.USER_ID_SOURCE).keySet());
    }

    @Test
    void a_user_id_belongs_to_the_same_person_as_the_shop_account_it_names() {
        Map<String, String> shop = personBySourceAndRecord.get(ContactSources.SHOP_SOURCE);
        personBySourceAndRecord.get(EventStream.USER_ID_SOURCE).forEach((userId, person) ->
                assertEquals(shop.get(userId), person, "userId " + userId));
    }

    @Test
    void every_order_belongs_to_a_known_shop_account() {
        Set<String> accounts = personBySourceAndRecord.get(ContactSources.SHOP_SOURCE).keySet();
        for (String customerId : SampleData.csv(OutputFiles.ORDERS).column("customer_id")) {
            assertTrue(accounts.contains(customerId), "order of unknown customer " + customerId);
        }
    }

    @Test
    void every_generated_person_appears_in_some_source() {
        Set<String> persons = new HashSet<>();
        personBySourceAndRecord.values().forEach(records -> persons.addAll(records.values()));
        assertEquals(SampleData.CUSTOMERS, persons.size());
    }

    private static void assertCovered(String source, List<String> recordIds) {
        Map<String, String> truth = personBySourceAndRecord.get(source);
        assertEquals(recordIds.size(), new HashSet<>(recordIds).size(), source + " ids must be unique");
        for (String recordId : recordIds) {
            assertTrue(truth.containsKey(recordId), source + " record " + recordId + " missing from truth");
        }
        assertEquals(recordIds.size(), truth.size(), source + " truth rows");
    }
}
