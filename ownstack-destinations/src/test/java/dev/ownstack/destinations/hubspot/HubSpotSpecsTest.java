package dev.ownstack.destinations.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec check itself: it must fail the requests HubSpot's specs refuse, or it proves nothing. */
class HubSpotSpecsTest {
    private final HubSpotSpecs specs = HubSpotSpecs.shared();

    @Test
    void accepts_an_upsert_as_the_contacts_spec_describes_it() {
        assertEquals(List.of(), specs.problems("POST", "/crm/v3/objects/contacts/batch/upsert",
                "{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"a@example.com\",\"objectWriteTraceId\":\"0\",\"properties\":{\"firstname\":\"A\"}}]}"));
        assertEquals(List.of(), specs.problems("PUT", "/crm/v3/lists/42/memberships/add", "[\"512\",\"513\"]"));
        assertEquals(List.of(), specs.problems("GET", "/crm/v3/lists/object-type-id/0-1/name/Weekly%20buyers", ""));
    }

    @Test
    void refuses_a_missing_required_field_a_wrong_type_and_a_misspelt_name() {
        List<String> problems = specs.problems("POST", "/crm/v3/objects/contacts/batch/upsert",
                "{\"inputs\":[{\"idProperty\":\"email\",\"properties\":{\"visits\":3}},{\"id\":\"b\",\"properties\":{},\"idPropery\":\"email\"}]}");

        assertTrue(problems.stream().anyMatch(problem -> problem.contains("inputs[0]: lacks the required id")), problems.toString());
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("inputs[0].properties.visits: must be a string")), problems.toString());
        assertTrue(problems.stream().anyMatch(problem -> problem.contains("idPropery is not a property")), problems.toString());
    }

    @Test
    void refuses_a_read_without_properties_with_history_and_a_list_without_a_processing_type() {
        assertTrue(specs.problems("POST", "/crm/v3/objects/contacts/batch/read", "{\"idProperty\":\"email\",\"inputs\":[{\"id\":\"a\"}],"
                + "\"properties\":[\"email\"]}").toString().contains("lacks the required propertiesWithHistory"));
        assertTrue(specs.problems("POST", "/crm/v3/lists", "{\"name\":\"x\",\"objectTypeId\":\"0-1\"}").toString()
                .contains("lacks the required processingType"));
    }

    @Test
    void refuses_an_operation_neither_spec_has_and_a_body_that_is_not_an_array() {
        assertEquals(List.of("DELETE /crm/v3/lists/42/memberships/add: no such operation in HubSpot's contacts or lists spec"),
                specs.problems("DELETE", "/crm/v3/lists/42/memberships/add", ""));
        assertTrue(specs.problems("PUT", "/crm/v3/lists/42/memberships/remove", "{\"ids\":[\"512\"]}").toString().contains("must be an array"));
    }
}
