package dev.ownstack.destinations.marketo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The static list each sync keeps its leads in: the pinned {@code list-id}, or the list named
 * after the sync, found by name
 * (https://developer.adobe.com/marketo-apis/api/asset/#tag/Static-Lists/operation/getStaticListByNameUsingGET)
 * or created in {@code list-folder-id} when missing
 * (https://developer.adobe.com/marketo-apis/api/asset/#tag/Static-Lists/operation/createStaticListUsingPOST).
 * The id is kept per sync for the destination's life; finding or creating is done by one thread
 * at a time, so parallel writers never create a list twice.
 */
final class MarketoLists {
    private final MarketoSettings settings;
    private final MarketoApi api;
    private final Map<String, Long> bySync = new ConcurrentHashMap<>();

    MarketoLists(MarketoSettings settings, MarketoApi api) {
        this.settings = settings;
        this.api = api;
    }

    long listId(String sync) {
        if (settings.listId().isPresent()) {
            return settings.listId().get();
        }
        Long known = bySync.get(sync);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            known = bySync.get(sync);
            if (known == null) {
                known = find(sync);
                if (known == null) {
                    known = create(sync);
                }
                bySync.put(sync, known);
            }
            return known;
        }
    }

    private Long find(String name) {
        JsonNode answer = api.get("/rest/asset/v1/staticList/byName.json?name=" + MarketoApi.encode(name).replace("+", "%20"));
        // No list of that name is a success with a warning and no result.
        for (JsonNode list : answer.path("result")) {
            if (name.equals(list.path("name").asText()) && list.path("id").canConvertToLong()) {
                return list.path("id").asLong();
            }
        }
        return null;
    }

    private long create(String name) {
        long folder = settings.listFolderId().orElseThrow(() -> new DestinationException(ErrorClass.PERMANENT,
                api.where() + " has no static list named '" + name + "' and destinations." + settings.name() + "."
                        + MarketoSettings.LIST_FOLDER_ID + " is not set to create it"));
        JsonNode answer = api.postForm("/rest/asset/v1/staticLists.json",
                Map.of("name", name, "folder", "{\"id\":" + folder + ",\"type\":\"Folder\"}"));
        JsonNode id = answer.path("result").path(0).path("id");
        if (!id.canConvertToLong() || id.isMissingNode()) {
            throw new DestinationException(ErrorClass.RETRYABLE, api.where() + " created static list '" + name + "' without answering its id");
        }
        return id.asLong();
    }
}
