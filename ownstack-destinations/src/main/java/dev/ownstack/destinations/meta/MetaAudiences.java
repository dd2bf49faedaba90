package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audience each sync writes to: the pinned {@code audience-id}, else the ad account's custom
 * audience named after the sync, created when there is none
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#create).
 * Ids are kept per sync for the destination's life; one lookup at a time per destination, so two
 * writers of one sync never create two audiences.
 */
final class MetaAudiences {
    /** Audiences per page of the account's list; Meta pages with cursors. */
    private static final int PAGE = 500;

    private final MetaSettings settings;
    private final GraphApi graph;
    private final Map<String, String> bySync = new ConcurrentHashMap<>();

    MetaAudiences(MetaSettings settings, GraphApi graph) {
        this.settings = settings;
        this.graph = graph;
    }

    /** The id of the sync's audience. */
    String audienceId(String sync) {
        if (settings.audienceId().isPresent()) {
            return settings.audienceId().get();
        }
        String known = bySync.get(sync);
        if (known != null) {
            return known;
        }
        synchronized (this) {
            return bySync.computeIfAbsent(sync, name -> find(name).orElseGet(() -> create(name)));
        }
    }

    /** {@code GET /act_<id>/customaudiences?fields=id,name}, every page. */
    private Optional<String> find(String name) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "id,name");
        params.put("limit", Integer.toString(PAGE));
        while (true) {
            JsonNode page = graph.get("act_" + settings.adAccountId() + "/customaudiences", params);
            for (JsonNode audience : page.path("data")) {
                if (name.equals(audience.path("name").asText()) && !audience.path("id").asText().isEmpty()) {
                    return Optional.of(audience.path("id").asText());
                }
            }
            String after = page.path("paging").path("cursors").path("after").asText("");
            if (after.isEmpty() || !page.path("paging").has("next")) {
                return Optional.empty();
            }
            params.put("after", after);
        }
    }

    /** {@code POST /act_<id>/customaudiences} with the sync's name, a customer-list audience. */
    private String create(String name) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("subtype", "CUSTOM");
        params.put("customer_file_source", settings.customerFileSource());
        params.put("description", "Members of the ownstack sync " + name);
        JsonNode created = graph.post("act_" + settings.adAccountId() + "/customaudiences", params);
        String id = created.path("id").asText("");
        if (id.isEmpty()) {
            throw new DestinationException(ErrorClass.RETRYABLE, settings.where() + " created audience " + name + " but answered no id: "
                    + created);
        }
        return id;
    }
}
