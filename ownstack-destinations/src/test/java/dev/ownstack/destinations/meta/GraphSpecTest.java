package dev.ownstack.destinations.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request checks themselves: they pass a request as Meta documents it and name what is wrong with others. */
class GraphSpecTest {
    private static final GraphSpec SPEC = GraphSpec.customAudience();
    private static final String PAYLOAD = "{\"schema\":[\"EMAIL\",\"FN\"],\"is_raw\":true,\"data\":[[\""
            + "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b\",\"\"]]}";
    private static final String SESSION = "{\"session_id\":9778993,\"batch_seq\":1,\"last_batch_flag\":true,\"estimated_num_total\":1}";

    @Test
    void a_documented_users_request_has_no_problem() {
        assertEquals(List.of(), SPEC.problems(request("POST", "users", Map.of("payload", PAYLOAD, "session", SESSION, "access_token", "t"))));
        assertEquals(List.of(), SPEC.problems(request("DELETE", "users", Map.of("payload", PAYLOAD, "access_token", "t"))));
    }

    @Test
    void usersreplace_without_its_required_session_is_a_problem() {
        List<String> problems = SPEC.problems(request("POST", "usersreplace", Map.of("payload", PAYLOAD)));
        assertTrue(problems.contains("required parameter session missing"), problems.toString());
    }

    @Test
    void an_unknown_parameter_edge_or_payload_shape_is_a_problem() {
        assertTrue(SPEC.problems(request("POST", "users", Map.of("payload", PAYLOAD, "members", "[]"))).toString()
                .contains("parameter members is not one the edge takes"));
        assertTrue(SPEC.problems(request("PUT", "users", Map.of("payload", PAYLOAD))).toString().contains("has no PUT on users"));
        String shortRow = "{\"schema\":[\"EMAIL\",\"FN\"],\"data\":[[\"x\"]]}";
        assertTrue(SPEC.problems(request("POST", "users", Map.of("payload", shortRow))).toString().contains("must be a list of 2 values"));
        String unknownKey = "{\"schema\":[\"FIRST_NAME\"],\"data\":[[\"x\"]]}";
        assertTrue(SPEC.problems(request("POST", "users", Map.of("payload", unknownKey))).toString().contains("unknown key"));
    }

    @Test
    void audience_reads_and_creation_use_custom_audience_fields_only() {
        assertEquals(List.of(), SPEC.problems(new GraphRequest("GET", "/v25.0/act_1/customaudiences", "", Map.of("fields", "id,name"))));
        assertTrue(SPEC.problems(new GraphRequest("POST", "/v25.0/act_1/customaudiences", "", Map.of("name", "x", "colour", "red")))
                .toString().contains("colour is not a CustomAudience field"));
    }

    private static GraphRequest request(String method, String edge, Map<String, String> params) {
        return new GraphRequest(method, "/v25.0/23850000000001/" + edge, "application/x-www-form-urlencoded", params);
    }
}
