package dev.ownstack.destinations.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Salesforce's error shapes, with the examples of its documentation, and the class each gets. */
class SalesforceErrorTest {
    private final SalesforceClient client = new SalesforceClient(null,
            new VendorHttp("salesforce crm at https://acme.my.salesforce.com", Duration.ofSeconds(5), Clock.systemUTC()));

    @Test
    void a_collection_results_errors_are_read_with_their_fields() throws Exception {
        // the partial-failure example of the sObject Collections upsert page
        String result = """
                {"success":false,"errors":[{"statusCode":"REQUIRED_FIELD_MISSING","message":"Required fields are missing: [Name]","fields":["Name"]}]}""";
        List<SalesforceError> errors = SalesforceError.ofResult(new ObjectMapper().readTree(result));
        assertEquals(List.of(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", List.of("Name"))), errors);
        assertEquals(ErrorClass.PERMANENT, errors.get(0).errorClass());
        assertEquals("REQUIRED_FIELD_MISSING: Required fields are missing: [Name] [Name]", errors.get(0).toString());
    }

    @Test
    void a_bulk_error_cell_is_split_into_code_message_and_fields() {
        SalesforceError error = SalesforceError.ofBulk("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --");
        assertEquals(new SalesforceError("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", List.of("LastName")), error);
        SalesforceError noFields = SalesforceError.ofBulk("INVALID_EMAIL_ADDRESS:Email: invalid email address: x:--");
        assertEquals("INVALID_EMAIL_ADDRESS", noFields.code());
        assertEquals("Email: invalid email address: x", noFields.message());
        assertEquals(List.of(), noFields.fields());
    }

    @Test
    void lock_contention_may_be_resent_also_when_a_trigger_reports_it() {
        assertEquals(ErrorClass.RETRYABLE, new SalesforceError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record",
                List.of()).errorClass());
        assertEquals(ErrorClass.RETRYABLE, new SalesforceError("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                "ContactTrigger: execution of AfterUpdate caused by: System.DmlException: Update failed. UNABLE_TO_LOCK_ROW", List.of())
                .errorClass());
        assertEquals(ErrorClass.PERMANENT, new SalesforceError("DUPLICATE_VALUE", "duplicate value found", List.of()).errorClass());
    }

    @Test
    void whole_request_failures_are_classified_by_salesforces_error_code_first() {
        assertFailure(ErrorClass.THROTTLED, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        assertFailure(ErrorClass.AUTH, 401, "INVALID_SESSION_ID", "Session expired or invalid");
        assertFailure(ErrorClass.AUTH, 403, "API_DISABLED_FOR_ORG", "API is not enabled for this Organization or Partner");
        assertFailure(ErrorClass.RETRYABLE, 503, "SERVER_UNAVAILABLE", "Server is unavailable");
        assertFailure(ErrorClass.RETRYABLE, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
        assertFailure(ErrorClass.PERMANENT, 400, "INVALID_FIELD", "No such column 'Shoe_Size__c' on sobject of type Contact");
        assertFailure(ErrorClass.PERMANENT, 404, "NOT_FOUND", "The requested resource does not exist");
    }

    @Test
    void a_failure_without_salesforces_error_body_quotes_the_body() {
        DestinationException failure = client.failure(response(502, "<html>Bad gateway</html>"));
        assertEquals(ErrorClass.RETRYABLE, failure.errorClass());
        assertTrue(failure.getMessage().endsWith("answered 502: <html>Bad gateway</html>"), failure.getMessage());
    }

    private void assertFailure(ErrorClass expected, int status, String code, String message) {
        DestinationException failure = client.failure(response(status, "[{\"message\":\"" + message + "\",\"errorCode\":\"" + code + "\"}]"));
        assertEquals(expected, failure.errorClass(), code);
        assertTrue(failure.getMessage().contains(status + ": " + code + ": " + message), failure.getMessage());
    }

    private static VendorResponse response(int status, String body) {
        return new VendorResponse(status, HttpHeaders.of(Map.of(), (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }
}
