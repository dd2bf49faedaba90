package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The leads and static lists of {@link MarketoFake}, with Marketo's per-record rules: Sync Leads
 * by a lookup field and action, list membership by lead id, and the reasons Marketo gives for a
 * skipped record. Every method holds the instance's lock.
 */
final class MarketoFakeData {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** One static list. */
    private record StaticList(long id, String name, long folder, Set<Long> members) {
    }

    private final Set<String> fields;
    private final Set<String> searchable;
    private final Map<Long, Map<String, Object>> leads = new LinkedHashMap<>();
    private final Map<Long, StaticList> lists = new LinkedHashMap<>();
    private long nextLeadId = 1001;
    private long nextListId = 1081;

    MarketoFakeData(Set<String> fields, Set<String> searchable) {
        this.fields = Set.copyOf(fields);
        this.searchable = Set.copyOf(searchable);
    }

    Set<String> fields() {
        return fields;
    }

    boolean searchable(String field) {
        return searchable.contains(field);
    }

    Set<String> searchableFields() {
        return searchable;
    }

    /** Sync Leads: one result per input, in input order. */
    synchronized ArrayNode sync(String action, String lookupField, JsonNode input) {
        ArrayNode results = JSON.createArrayNode();
        for (JsonNode lead : input) {
            ObjectNode result = results.addObject();
            String problem = problem(lead, lookupField);
            if (problem != null) {
                skipped(result, problem.substring(0, 4), problem.substring(6));
                continue;
            }
            Map<String, Object> values = values(lead);
            Optional<Long> existing = find(lookupField, values.get(lookupField)).stream().findFirst();
            if (existing.isPresent() && action.equals("createOnly")) {
                skipped(result, "1005", "Lead already exists");
            } else if (existing.isEmpty() && action.equals("updateOnly")) {
                skipped(result, "1004", "Lead not found");
            } else if (existing.isPresent() && !action.equals("createDuplicate")) {
                leads.get(existing.get()).putAll(values);
                result.put("id", existing.get()).put("status", "updated");
            } else {
                long id = nextLeadId++;
                leads.put(id, new LinkedHashMap<>(values));
                result.put("id", id).put("status", "created");
            }
        }
        return results;
    }

    /** Get Leads by Filter Type: the leads whose field has one of the values (text compared without case). */
    synchronized List<ObjectNode> query(String filterType, List<String> values, List<String> wanted) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            ids.addAll(find(filterType, value));
        }
        List<ObjectNode> found = new ArrayList<>();
        for (long id : ids) {
            ObjectNode lead = JSON.createObjectNode();
            lead.put("id", id);
            for (String field : wanted) {
                if (!field.equals("id")) {
                    lead.set(field, JSON.valueToTree(leads.get(id).get(field)));
                }
            }
            found.add(lead);
        }
        return found;
    }

    synchronized Optional<ObjectNode> listNamed(String name) {
        return lists.values().stream().filter(list -> list.name().equals(name)).findFirst().map(MarketoFakeData::asset);
    }

    synchronized Optional<ObjectNode> list(long id) {
        return Optional.ofNullable(lists.get(id)).map(MarketoFakeData::asset);
    }

    /** Creates a static list; empty when one of that name exists. */
    synchronized Optional<ObjectNode> createList(String name, long folder) {
        if (lists.values().stream().anyMatch(list -> list.name().equals(name))) {
            return Optional.empty();
        }
        StaticList list = new StaticList(nextListId++, name, folder, new LinkedHashSet<>());
        lists.put(list.id(), list);
        return Optional.of(asset(list));
    }

    /** Add to List or Remove from List: one result per lead id; empty when there is no such list. */
    synchronized Optional<ArrayNode> membership(long listId, Collection<Long> ids, boolean add) {
        StaticList list = lists.get(listId);
        if (list == null) {
            return Optional.empty();
        }
        ArrayNode results = JSON.createArrayNode();
        for (long id : ids) {
            ObjectNode result = results.addObject().put("id", id);
            if (!leads.containsKey(id)) {
                skipped(result, "1004", "Lead not found");
            } else if (add) {
                list.members().add(id);
                result.put("status", "added");
            } else if (list.members().remove(id)) {
                result.put("status", "removed");
            } else {
                skipped(result, "1015", "Lead not in list");
            }
        }
        return Optional.of(results);
    }

    synchronized Map<String, Map<String, Object>> held() {
        Map<String, Map<String, Object>> held = new LinkedHashMap<>();
        leads.forEach((id, values) -> held.put(Long.toString(id), new LinkedHashMap<>(values)));
        return held;
    }

    /** The leads in the list of that name, by lower-cased email. */
    synchronized Map<String, Map<String, Object>> members(String listName) {
        Map<String, Map<String, Object>> members = new LinkedHashMap<>();
        for (StaticList list : lists.values()) {
            if (list.name().equals(listName)) {
                for (long id : list.members()) {
                    Map<String, Object> lead = leads.get(id);
                    members.put(String.valueOf(lead.get("email")).toLowerCase(Locale.ROOT), new LinkedHashMap<>(lead));
                }
            }
        }
        return members;
    }

    /** Why Marketo skips this input, as {@code "<code>: <message>"}, or null. */
    private String problem(JsonNode lead, String lookupField) {
        if (!lead.isObject()) {
            return "1003: Invalid value for input";
        }
        for (java.util.Iterator<String> names = lead.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                return "1006: Field '" + name + "' not found";
            }
        }
        JsonNode key = lead.path(lookupField);
        if (key.isMissingNode() || key.isNull() || key.asText().isBlank()) {
            return "1003: Value for required field '" + lookupField + "' not specified";
        }
        JsonNode email = lead.path("email");
        if (email.isTextual() && !EMAIL.matcher(email.asText()).matches()) {
            return "1003: Invalid value for field 'email'";
        }
        if (!email.isMissingNode() && !email.isNull() && !email.isTextual()) {
            return "1003: Invalid value for field 'email'";
        }
        return null;
    }

    private List<Long> find(String field, Object value) {
        List<Long> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        String wanted = String.valueOf(value).toLowerCase(Locale.ROOT);
        leads.forEach((id, lead) -> {
            Object held = field.equals("id") ? id : lead.get(field);
            if (held != null && String.valueOf(held).toLowerCase(Locale.ROOT).equals(wanted)) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Map<String, Object> values(JsonNode lead) {
        Map<String, Object> values = new LinkedHashMap<>();
        lead.fields().forEachRemaining(field -> values.put(field.getKey(), JSON.convertValue(field.getValue(), Object.class)));
        return values;
    }

    private static void skipped(ObjectNode result, String code, String message) {
        result.put("status", "skipped");
        result.putArray("reasons").addObject().put("code", code).put("message", message);
    }

    private static ObjectNode asset(StaticList list) {
        ObjectNode asset = JSON.createObjectNode();
        asset.put("id", list.id()).put("name", list.name()).put("createdAt", "2026-01-01T00:00:00Z+0000")
                .put("updatedAt", "2026-01-01T00:00:00Z+0000");
        asset.putObject("folder").put("id", list.folder()).put("type", "Folder");
        asset.put("computedUrl", "https://app-fake.marketo.com/#ST" + list.id() + "A1").put("workspace", "Default");
        return asset;
    }
}
