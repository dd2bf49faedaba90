package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST routes of {@link MarketoFake} (after the token was checked), answering Marketo's JSON envelopes. */
final class MarketoFakeRoutes {
    private static final Pattern LIST_LEADS = Pattern.compile("/rest/v1/lists/(\\d+)/leads\\.json");
    private static final Pattern LIST_BY_ID = Pattern.compile("/rest/asset/v1/staticList/(\\d+)\\.json");
    private static final List<String> DEFAULT_FIELDS = List.of("id", "email", "firstName", "lastName", "updatedAt", "createdAt");

    /** One authenticated REST call. */
    record Call(String method, String path, Map<String, String> query, String contentType, byte[] body) {
        boolean json() {
            return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        }

        boolean form() {
            return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final MarketoFake fake;
    private final MarketoFakeData data;

    MarketoFakeRoutes(MarketoFake fake, MarketoFakeData data) {
        this.fake = fake;
        this.data = data;
    }

    ObjectNode route(Call call) {
        String method = call.method();
        String override = call.query().get("_method");
        if (method.equals("POST") && override != null) {
            if (!call.form()) {
                return fake.error("612", "Invalid Content Type");
            }
            method = override;
        }
        Matcher listLeads = LIST_LEADS.matcher(call.path());
        Matcher listById = LIST_BY_ID.matcher(call.path());
        if (call.path().equals("/rest/v1/leads.json") && method.equals("POST")) {
            return syncLeads(call);
        }
        if (call.path().equals("/rest/v1/leads.json") && method.equals("GET")) {
            Map<String, String> params = call.method().equals("POST") ? MarketoFake.form(call.text()) : call.query();
            return queryLeads(params);
        }
        if (call.path().equals("/rest/v1/leads/describe2.json") && method.equals("GET")) {
            return describe();
        }
        if (listLeads.matches() && (method.equals("POST") || method.equals("DELETE"))) {
            return membership(call, Long.parseLong(listLeads.group(1)), method.equals("POST"));
        }
        if (call.path().equals("/rest/asset/v1/staticList/byName.json") && method.equals("GET")) {
            return asset(data.listNamed(call.query().getOrDefault("name", "")));
        }
        if (listById.matches() && method.equals("GET")) {
            return asset(data.list(Long.parseLong(listById.group(1))));
        }
        if (call.path().equals("/rest/asset/v1/staticLists.json") && method.equals("POST")) {
            return createList(call);
        }
        return fake.error("610", "Requested resource not found");
    }

    private ObjectNode syncLeads(Call call) {
        if (!call.json()) {
            return fake.error("612", "Invalid Content Type");
        }
        JsonNode request = parse(call);
        if (request == null || !request.path("input").isArray()) {
            return fake.error("609", "Invalid JSON");
        }
        String action = request.path("action").asText("createOrUpdate");
        String lookupField = request.path("lookupField").asText("email");
        if (!List.of("createOnly", "updateOnly", "createOrUpdate", "createDuplicate").contains(action)) {
            return fake.error("1003", "Invalid action '" + action + "'");
        }
        if (!data.searchable(lookupField)) {
            return fake.error("1003", "Invalid lookup field '" + lookupField + "'");
        }
        if (request.path("input").size() > MarketoFake.MAX_RECORDS) {
            return fake.error("1003", "Maximum of 300 records exceeded");
        }
        ObjectNode fault = fake.writeFault();
        if (fault != null) {
            return fault;
        }
        return fake.success(data.sync(action, lookupField, request.path("input")));
    }

    private ObjectNode queryLeads(Map<String, String> params) {
        String filterType = params.get("filterType");
        List<String> values = MarketoFake.split(params.getOrDefault("filterValues", ""));
        if (filterType == null || values.isEmpty()) {
            return fake.error("1003", "filterType and filterValues are required");
        }
        if (!data.searchable(filterType)) {
            return fake.error("1003", "Invalid filterType '" + filterType + "'");
        }
        if (values.size() > MarketoFake.MAX_RECORDS) {
            return fake.error("1003", "Maximum of 300 filter values exceeded");
        }
        List<String> fields = params.containsKey("fields") ? MarketoFake.split(params.get("fields")) : DEFAULT_FIELDS;
        for (String field : fields) {
            if (!field.equals("id") && !field.equals("updatedAt") && !field.equals("createdAt") && !data.fields().contains(field)) {
                return fake.error("1006", "Field '" + field + "' not found");
            }
        }
        int batchSize = Integer.parseInt(params.getOrDefault("batchSize", "300"));
        int offset = params.containsKey("nextPageToken") ? Integer.parseInt(params.get("nextPageToken").substring(1)) : 0;
        List<ObjectNode> found = data.query(filterType, values, fields);
        ArrayNode page = MarketoFakeData.JSON.createArrayNode();
        found.stream().skip(offset).limit(batchSize).forEach(page::add);
        ObjectNode answer = fake.success(page);
        if (offset + batchSize < found.size()) {
            answer.put("nextPageToken", "P" + (offset + batchSize));
        }
        return answer;
    }

    private ObjectNode describe() {
        ObjectNode lead = MarketoFakeData.JSON.createObjectNode().put("name", "API Lead");
        ArrayNode searchable = lead.putArray("searchableFields");
        data.searchableFields().forEach(field -> searchable.addArray().add(field));
        ArrayNode fields = lead.putArray("fields");
        fields.addObject().put("name", "id").put("displayName", "Id").put("dataType", "integer").put("updateable", false)
                .put("crmManaged", false);
        for (String field : data.fields()) {
            fields.addObject().put("name", field).put("displayName", field).put("dataType", field.equals("email") ? "email" : "string")
                    .put("length", 255).put("updateable", true).put("crmManaged", false);
        }
        ArrayNode result = MarketoFakeData.JSON.createArrayNode();
        result.add(lead);
        return fake.success(result);
    }

    private ObjectNode membership(Call call, long listId, boolean add) {
        List<Long> ids = new ArrayList<>();
        if (call.body().length > 0) {
            if (!call.json()) {
                return fake.error("612", "Invalid Content Type");
            }
            JsonNode request = parse(call);
            if (request == null || !request.path("input").isArray()) {
                return fake.error("609", "Invalid JSON");
            }
            for (JsonNode lead : request.path("input")) {
                ids.add(lead.path("id").asLong());
            }
        } else {
            MarketoFake.split(call.query().getOrDefault("id", "")).forEach(id -> ids.add(Long.parseLong(id)));
        }
        if (ids.isEmpty()) {
            return fake.error("1003", "No lead ids given");
        }
        if (ids.size() > MarketoFake.MAX_RECORDS) {
            return fake.error("1003", "Maximum of 300 lead ids exceeded");
        }
        ObjectNode fault = fake.writeFault();
        if (fault != null) {
            return fault;
        }
        Optional<ArrayNode> results = data.membership(listId, ids, add);
        return results.map(fake::success).orElseGet(() -> fake.error("1013", "Static list not found"));
    }

    private ObjectNode createList(Call call) {
        if (!call.form()) {
            return fake.error("612", "Invalid Content Type");
        }
        Map<String, String> form = MarketoFake.form(call.text());
        String name = form.getOrDefault("name", "").trim();
        if (name.isEmpty()) {
            return fake.error("701", "name cannot be blank");
        }
        JsonNode folder;
        try {
            folder = MarketoFakeData.JSON.readTree(form.getOrDefault("folder", ""));
        } catch (IOException e) {
            folder = null;
        }
        if (folder == null || !"Folder".equals(folder.path("type").asText()) || folder.path("id").asLong() != MarketoFake.FOLDER_ID) {
            return fake.error("710", "Parent folder not found");
        }
        return data.createList(name, MarketoFake.FOLDER_ID).map(list -> {
            ArrayNode result = MarketoFakeData.JSON.createArrayNode();
            result.add(list);
            return asset(result);
        }).orElseGet(() -> fake.error("709", "Static List '" + name + "' already exists"));
    }

    /** The asset API's envelope: errors and warnings always present. */
    private ObjectNode asset(Optional<ObjectNode> found) {
        ArrayNode result = MarketoFakeData.JSON.createArrayNode();
        found.ifPresent(result::add);
        return asset(result);
    }

    private ObjectNode asset(ArrayNode result) {
        ObjectNode answer = fake.success(null);
        answer.putArray("errors");
        ArrayNode warnings = answer.putArray("warnings");
        if (result.isEmpty()) {
            warnings.add("No assets found for the given search criteria.");
        } else {
            answer.set("result", result);
        }
        return answer;
    }

    private static JsonNode parse(Call call) {
        try {
            return MarketoFakeData.JSON.readTree(call.body());
        } catch (IOException e) {
            return null;
        }
    }
}
