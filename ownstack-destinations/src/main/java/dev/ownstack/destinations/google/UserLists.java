package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Customer Match list a sync fills: the pinned {@code user-list-id}, or else the list of
 * the operating account whose display name is the sync's name, found with
 * {@code userLists.list} and a {@code display_name} filter, or created with
 * {@code userLists.create} as a first-party contact-information list
 * (https://developers.google.com/data-manager/api/reference/rest/v1/accountTypes.accounts.userLists,
 * https://developers.google.com/data-manager/api/devguides/audiences/google-ads/customer-match/create-audience).
 * The id is kept per sync for the destination's life. Thread-safe.
 */
final class UserLists {
    /** At most this many pages of lists are read looking for a name (1,000 lists a page). */
    private static final int MAX_PAGES = 10;

    private final GoogleSettings settings;
    private final DataManagerClient client;
    private final Clock clock;
    private final Map<String, String> bySync = new ConcurrentHashMap<>();

    UserLists(GoogleSettings settings, DataManagerClient client, Clock clock) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
    }

    /** {@code /v1/accountTypes/GOOGLE_ADS/accounts/<operating account>/userLists} */
    String collectionPath() {
        return "/v1/accountTypes/GOOGLE_ADS/accounts/" + settings.operatingAccountId() + "/userLists";
    }

    /** The id of the list the sync fills, found or created on first use. */
    String idFor(String sync) {
        if (settings.userListId().isPresent()) {
            return settings.userListId().get();
        }
        String known = bySync.get(sync);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return bySync.computeIfAbsent(sync, name -> find(name).orElseGet(() -> create(name)));
        }
    }

    /** The list named {@code name}, if the operating account has one. */
    Optional<String> find(String name) {
        String filter = "display_name = \"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String pageToken = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            String path = collectionPath() + "?pageSize=1000&filter=" + encode(filter)
                    + (pageToken.isEmpty() ? "" : "&pageToken=" + encode(pageToken));
            JsonNode answer = answered(client.get(path), "listing Customer Match lists");
            for (JsonNode list : answer.path("userLists")) {
                if (name.equals(list.path("displayName").asText())) {
                    return Optional.of(id(list));
                }
            }
            pageToken = answer.path("nextPageToken").asText("");
            if (pageToken.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private String create(String name) {
        ObjectNode list = VendorResponse.JSON.createObjectNode();
        list.put("displayName", name);
        list.put("description", "Customer Match list of the ownstack sync " + name);
        list.put("membershipStatus", "OPEN");
        ObjectNode info = list.putObject("ingestedUserListInfo");
        info.putArray("uploadKeyTypes").add("CONTACT_ID");
        info.putObject("contactIdInfo").put("dataSourceType", "DATA_SOURCE_TYPE_FIRST_PARTY");
        return id(answered(client.post(collectionPath(), list), "creating the Customer Match list " + name));
    }

    /** Reads a GET of one list, for {@code check()}: its display name. */
    String displayName(String id) {
        return answered(client.get(collectionPath() + "/" + encode(id)), "reading the Customer Match list " + id).path("displayName").asText(id);
    }

    /** The first page of the operating account's lists, for {@code check()}: how many it holds. */
    int firstPageSize() {
        return answered(client.get(collectionPath() + "?pageSize=1"), "listing Customer Match lists").path("userLists").size();
    }

    private JsonNode answered(VendorResponse response, String doing) {
        if (!response.successful()) {
            throw GoogleStatus.of(response).exception(client.where() + " (" + doing + ")", response, clock.instant());
        }
        return response.json(client.where());
    }

    private String id(JsonNode list) {
        String id = list.path("id").asText("");
        if (id.isEmpty()) {
            String resource = list.path("name").asText("");
            id = resource.substring(resource.lastIndexOf('/') + 1);
        }
        if (id.isEmpty()) {
            throw new DestinationException(ErrorClass.RETRYABLE, client.where() + " answered a user list without an id: " + list);
        }
        return id;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
