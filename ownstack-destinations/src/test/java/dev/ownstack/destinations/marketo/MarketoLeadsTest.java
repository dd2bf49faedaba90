package dev.ownstack.destinations.marketo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Payloads and answers of Sync Leads and the list calls, with the examples of Marketo's documentation. */
class MarketoLeadsTest {
    @Test
    void sync_request_is_marketos_documented_shape() throws Exception {
        // https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/lead-database/leads (Create and Update)
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "kjashaedd-1@klooblept.com");
        fields.put("firstName", "Kataldar-1");
        fields.put("postalCode", "04828");
        JsonNode request = MarketoLeads.syncRequest("createOrUpdate", "email", List.of(new SyncRecord("k1", fields)));
        assertEquals(VendorResponse.JSON.readTree("""
                {"action":"createOrUpdate","lookupField":"email",
                 "input":[{"email":"kjashaedd-1@klooblept.com","firstName":"Kataldar-1","postalCode":"04828"}]}"""), request);
    }

    @Test
    void values_keep_their_json_types_and_dates_are_iso_text() {
        assertEquals("42", MarketoLeads.value(42L).toString());
        assertEquals("12.50", MarketoLeads.value(new BigDecimal("12.50")).toString());
        assertEquals("true", MarketoLeads.value(true).toString());
        assertEquals("\"2026-03-10T12:00:00Z\"", MarketoLeads.value(Instant.parse("2026-03-10T12:00:00Z")).toString());
        assertEquals("\"1990-05-01\"", MarketoLeads.value(LocalDate.parse("1990-05-01")).toString());
        assertTrue(MarketoLeads.value(null).isNull(), "null clears the field");
    }

    @Test
    void results_are_read_in_input_order_with_skipped_reasons_quoted() throws Exception {
        JsonNode answer = VendorResponse.JSON.readTree("""
                {"requestId":"e42b#14272d07d78","success":true,"result":[
                  {"id":50,"status":"created"},
                  {"id":51,"status":"updated"},
                  {"status":"skipped","reasons":[{"code":"1005","message":"Lead already exists"}]}]}""");
        List<MarketoLeads.Outcome> outcomes = MarketoLeads.outcomes(answer, 3, "marketo m");
        assertEquals(Optional.of(50L), outcomes.get(0).id());
        assertEquals("created", outcomes.get(0).status());
        assertEquals("updated", outcomes.get(1).status());
        assertFalse(outcomes.get(1).skipped());
        assertTrue(outcomes.get(2).skipped());
        assertEquals("1005: Lead already exists", outcomes.get(2).reasons());
        assertEquals(List.of("1005"), outcomes.get(2).codes());
    }

    @Test
    void an_answer_without_one_result_per_lead_is_retried() throws Exception {
        JsonNode answer = VendorResponse.JSON.readTree("{\"requestId\":\"1#2\",\"success\":true,\"result\":[{\"id\":50,\"status\":\"created\"}]}");
        DestinationException error = assertThrows(DestinationException.class, () -> MarketoLeads.outcomes(answer, 2, "marketo m"));
        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertTrue(error.getMessage().contains("1 results for 2 leads"), error.getMessage());
    }

    @Test
    void list_membership_results_are_read_by_lead_id() throws Exception {
        JsonNode answer = VendorResponse.JSON.readTree("""
                {"requestId":"13b81#1743e2bd217","result":[{"id":2149,"status":"added"},
                 {"id":2150,"status":"skipped","reasons":[{"code":"1004","message":"Lead not found"}]}],"success":true}""");
        Map<Long, MarketoLeads.Outcome> byId = MarketoLeads.byId(answer);
        assertFalse(byId.get(2149L).skipped());
        assertEquals("1004: Lead not found", byId.get(2150L).reasons());
        assertEquals("{\"input\":[{\"id\":2149},{\"id\":2150}]}", MarketoLeads.idsRequest(List.of(2149L, 2150L)).toString());
    }
}
