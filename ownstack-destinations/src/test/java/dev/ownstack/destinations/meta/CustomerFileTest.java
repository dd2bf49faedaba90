package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import dev.ownstack.destinations.pii.Pii;
import dev.ownstack.destinations.pii.PiiContext;
import dev.ownstack.destinations.pii.PiiField;
import dev.ownstack.destinations.pii.PiiProfile;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records to multi-key customer-file rows (https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users/). */
class CustomerFileTest {
    /** SHA-256 of test@example.com, trimmed and lower-cased first as Meta asks. */
    private static final String TEST_EMAIL_HASH = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
    private final CustomerFile file = new CustomerFile(new PiiContext("US"));

    @Test
    void email_is_trimmed_lower_cased_and_hashed() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("a", Map.of("email", "  Test@Example.COM "))));
        assertEquals(Map.of(CustomerFileKey.EMAIL, TEST_EMAIL_HASH), prepared.rows().get(0).values());
    }

    @Test
    void the_schema_lists_the_keys_of_the_batch_and_rows_leave_missing_keys_blank() {
        CustomerFile.Prepared prepared = file.prepare(List.of(
                record("a", Map.of("email", "test@example.com", "extern_id", "c-1")),
                record("b", fields("ln", "Smith", "fn", "Mary", "zip", "94025", "phone", null))));
        Map<String, Object> payload = CustomerFile.payload(prepared.rows());
        assertEquals(List.of("EXTERN_ID", "EMAIL", "FN", "LN", "ZIP"), payload.get("schema"));
        assertEquals(true, payload.get("is_raw"));
        List<?> data = (List<?>) payload.get("data");
        assertEquals(List.of("c-1", TEST_EMAIL_HASH, "", "", ""), data.get(0));
        assertEquals(List.of("", "", Pii.sha256Hex("mary"), Pii.sha256Hex("smith"), Pii.sha256Hex("94025")), data.get(1));
    }

    @Test
    void date_of_birth_becomes_year_month_and_day() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("a",
                Map.of("email", "test@example.com", "date_of_birth", LocalDate.of(1984, 3, 7)))));
        Map<CustomerFileKey, String> values = prepared.rows().get(0).values();
        assertEquals(Pii.sha256Hex("1984"), values.get(CustomerFileKey.DOBY));
        assertEquals(Pii.sha256Hex("03"), values.get(CustomerFileKey.DOBM));
        assertEquals(Pii.sha256Hex("07"), values.get(CustomerFileKey.DOBD));
    }

    @Test
    void a_records_own_country_decides_how_its_phone_is_read() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("uk", Map.of("phone", "07911 123456", "country", "GB")),
                record("us", Map.of("phone", "(650) 555-1212"))));
        PiiContext us = new PiiContext("US");
        assertEquals(Pii.prepare(PiiProfile.META, PiiField.PHONE, "+44 7911 123456", us).value().orElseThrow(),
                prepared.rows().get(0).values().get(CustomerFileKey.PHONE));
        assertEquals(Pii.sha256Hex("16505551212"), prepared.rows().get(1).values().get(CustomerFileKey.PHONE));
    }

    @Test
    void mobile_advertiser_id_and_extern_id_are_sent_unhashed() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("a",
                Map.of("madid", "6D92078A-8246-4BA4-AE5B-76104861E7DC", "extern_id", "customer-42"))));
        Map<CustomerFileKey, String> values = prepared.rows().get(0).values();
        assertEquals("6d92078a-8246-4ba4-ae5b-76104861e7dc", values.get(CustomerFileKey.MADID));
        assertEquals("customer-42", values.get(CustomerFileKey.EXTERN_ID));
    }

    @Test
    void an_invalid_value_rejects_its_record_alone_and_is_never_sent() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("good", Map.of("email", "test@example.com")),
                record("bad", Map.of("email", "not-an-email", "fn", "Ann"))));
        assertEquals(List.of("good"), prepared.rows().stream().map(CustomerFile.Row::key).toList());
        CustomerFile.Rejection rejection = prepared.rejections().get(0);
        assertEquals("bad", rejection.key());
        assertTrue(rejection.message().startsWith("email: "), rejection.message());
        assertFalse(rejection.message().contains("not-an-email"), "problems mask the value: " + rejection.message());
    }

    @Test
    void a_record_with_nothing_meta_can_match_on_is_rejected() {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("a", fields("fn", "Ann", "email", null, "country", "US"))));
        assertTrue(prepared.rows().isEmpty());
        assertTrue(prepared.rejections().get(0).message().contains("no value Meta can match on"), prepared.rejections().toString());
        assertEquals(1, file.prepare(List.of(record("b", Map.of("fn", "Ann", "ln", "Lee", "zip", "94025")))).rows().size());
    }

    @Test
    void unknown_field_names_are_listed_and_date_of_birth_is_known() {
        assertEquals(List.of("first_name", "name"), CustomerFile.unknownFields(List.of("email", "name", "first_name", "date_of_birth", "doby")));
        assertTrue(CustomerFile.knownFields().contains("extern_id"));
    }

    @Test
    void invalid_entry_samples_reject_the_rows_holding_them() throws Exception {
        CustomerFile.Prepared prepared = file.prepare(List.of(record("a", Map.of("email", "test@example.com")),
                record("b", Map.of("extern_id", "x-2"))));
        UploadAnswer answer = UploadAnswer.of(VendorResponse.JSON.readTree("""
                {"audience_id":"23850000000001","session_id":"9778993","num_received":2,"num_invalid_entries":1,
                 "invalid_entry_samples":{"x-2":"Invalid EXTERN_ID"}}"""));
        List<RecordResult> results = answer.results(prepared.rows());
        assertTrue(results.get(0).accepted());
        assertEquals(ErrorClass.PERMANENT, results.get(1).errorClass().orElseThrow());
        assertTrue(results.get(1).message().contains("Invalid EXTERN_ID"), results.get(1).message());
        assertEquals(Map.of("received", 2L, "invalid", 1L), answer.reported());
    }

    private static SyncRecord record(String key, Map<String, Object> fields) {
        return new SyncRecord(key, fields);
    }

    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return fields;
    }
}
