package dev.ownstack.destinations.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contact lists a destination keeps, through HubSpot's Lists API
 * (https://developers.hubspot.com/docs/guides/api/crm/lists/overview): the pinned list, or one
 * MANUAL list per sync named after it, found by name or created on first use and then
 * remembered. Membership changes take HubSpot record ids. Thread-safe: writers of one sync
 * wait while its list is found or created, so it is created once.
 */
final class HubSpotLists {
    private final HubSpotApi api;
    private final Optional<String> pinned;
    private final Map<String, String> bySync = new ConcurrentHashMap<>();
    private final Object resolving = new Object();

    /**
     * What HubSpot did with a membership change ({@code MembershipsUpdateResponse}; note the
     * API's spelling {@code recordsIdsAdded}).
     */
    record Change(Set<String> added, Set<String> removed, Set<String> missing) {
        Change {
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
            missing = Set.copyOf(missing);
        }
    }

    HubSpotLists(HubSpotApi api, Optional<String> pinned) {
        this.api = api;
        this.pinned = pinned;
    }

    /** The list of this sync: the pinned one, or the MANUAL list named after the sync, created when missing. */
    String listId(String sync) {
        if (pinned.isPresent()) {
            return pinned.get();
        }
        String known = bySync.get(sync);
        if (known != null) {
            return known;
        }
        synchronized (resolving) {
            return bySync.computeIfAbsent(sync, this::findOrCreate);
        }
    }

    /** Adds the contacts to the sync's list; a remembered list deleted in HubSpot since is found or created again, once. */
    Change add(String sync, Collection<String> contactIds) {
        return change(sync, "add", contactIds);
    }

    /** Removes the contacts from the sync's list. */
    Change remove(String sync, Collection<String> contactIds) {
        return change(sync, "remove", contactIds);
    }

    /** The list's processing type, for {@code check()}: MANUAL or SNAPSHOT lists take membership changes. */
    String processingType(String listId) {
        return api.call("GET", "/crm/v3/lists/" + HubSpotApi.segment(listId), null).path("list").path("processingType").asText("");
    }

    private Change change(String sync, String how, Collection<String> contactIds) {
        ArrayNode ids = VendorResponse.JSON.createArrayNode();
        contactIds.forEach(ids::add);
        String listId = listId(sync);
        String path = "/crm/v3/lists/" + HubSpotApi.segment(listId) + "/memberships/" + how;
        VendorResponse response = api.send("PUT", path, ids);
        if (response.status() == 404 && pinned.isEmpty()) {
            bySync.remove(sync, listId);
            path = "/crm/v3/lists/" + HubSpotApi.segment(listId(sync)) + "/memberships/" + how;
            response = api.send("PUT", path, ids);
        }
        if (!response.successful()) {
            throw api.failure(response, "PUT " + path);
        }
        JsonNode answer = response.json(api.where());
        return new Change(texts(answer.path("recordsIdsAdded")), texts(answer.path("recordIdsRemoved")), texts(answer.path("recordIdsMissing")));
    }

    // https://developers.hubspot.com/docs/api-reference/crm-lists-v3/lists/get-crm-v3-lists-object-type-id-objectTypeId-name-listName
    private String findOrCreate(String name) {
        String path = "/crm/v3/lists/object-type-id/" + HubSpotApi.CONTACTS + "/name/" + HubSpotApi.segment(name);
        VendorResponse found = api.send("GET", path, null);
        if (found.successful()) {
            JsonNode list = found.json(api.where()).path("list");
            String type = list.path("processingType").asText("");
            if (!type.equals("MANUAL") && !type.equals("SNAPSHOT")) {
                throw new DestinationException(ErrorClass.PERMANENT, "the HubSpot list '" + name + "' (id " + list.path("listId").asText()
                        + ") is " + type + ": its members follow its filters, so a sync cannot set them; rename it, or set "
                        + HubSpotSettings.LIST_ID + " to a MANUAL list");
            }
            return id(list, "GET " + path);
        }
        if (found.status() != 404) {
            throw api.failure(found, "GET " + path);
        }
        ObjectNode create = VendorResponse.JSON.createObjectNode()
                .put("name", name)
                .put("objectTypeId", HubSpotApi.CONTACTS)
                .put("processingType", "MANUAL");
        return id(api.call("POST", "/crm/v3/lists", create).path("list"), "POST /crm/v3/lists");
    }

    private String id(JsonNode list, String what) {
        String id = list.path("listId").asText("");
        if (id.isEmpty()) {
            throw new DestinationException(ErrorClass.RETRYABLE, api.where() + " answered " + what + " without a list id: " + list);
        }
        return id;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
