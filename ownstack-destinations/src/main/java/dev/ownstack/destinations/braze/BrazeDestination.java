package dev.ownstack.destinations.braze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes each batch as one {@code POST /users/track} request
 * (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/) of at most 75 attributes
 * objects. An update first asks {@code POST /users/export/ids}
 * (https://www.braze.com/docs/api/endpoints/export/user_data/post_users_identifier/), 50
 * external ids at a time, which of its users Braze knows: Braze drops an update-only object for
 * an unknown user without saying so, and an update of a user the destination lacks must be
 * rejected. Thread-safe: one HTTP client serves every thread of the sync engine.
 */
final class BrazeDestination implements Destination {
    /** {@code /users/export/ids} takes up to 50 external ids per request. */
    static final int EXPORT_IDS_PER_REQUEST = 50;

    private final BrazeSettings settings;
    private final Clock clock;
    private final VendorHttp http;

    BrazeDestination(BrazeSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new VendorHttp("braze " + settings.name() + " at " + settings.restEndpoint(), settings.timeout(), clock);
    }

    /**
     * Looks up an external id no user has with {@code /users/export/ids}: it needs a valid key
     * (the one permission beyond {@code users.track} this destination uses), reads one field and
     * changes nothing. Braze has no endpoint that only checks a key.
     */
    @Override
    public CheckResult check() {
        ObjectNode request = VendorResponse.JSON.createObjectNode();
        request.putArray("external_ids").add("ownstack-check-" + UUID.randomUUID());
        request.putArray("fields_to_export").add("external_id");
        try {
            VendorResponse response = post("/users/export/ids", request);
            if (response.successful()) {
                return CheckResult.ok(http.where() + " accepted the REST API key (a /users/export/ids lookup answered "
                        + response.status() + ")");
            }
            return CheckResult.failed(BrazeAnswer.failure(response, http.where(), clock.instant()).getMessage());
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        String audienceAttribute = settings.audienceAttribute(batch.run().sync());
        BrazePayload.Prepared prepared = BrazePayload.build(settings, audienceAttribute, batch.operation(), batch.records());
        List<RecordResult> results = new ArrayList<>(prepared.refused());
        if (batch.operation() == Operation.UPDATE) {
            if (settings.identifier() != BrazeSettings.Identifier.EXTERNAL_ID) {
                throw new DestinationException(ErrorClass.PERMANENT, http.where() + " updates only users keyed by external_id, not by "
                        + settings.identifier().configName() + " (its capabilities leave UPDATE out)");
            }
            Set<String> unknown = unknownExternalIds(prepared.entries().stream().map(entry -> entry.record().key()).toList());
            for (String key : unknown) {
                results.add(RecordResult.rejected(key, ErrorClass.PERMANENT, "no Braze user has external_id " + key
                        + " (/users/export/ids listed it in invalid_user_ids); an update never creates a user"));
            }
            prepared = prepared.without(unknown);
        }
        if (prepared.entries().isEmpty()) {
            return new BatchResult(results);
        }
        ObjectNode request = VendorResponse.JSON.createObjectNode();
        request.set("attributes", prepared.attributes());
        VendorResponse response = post("/users/track", request);
        List<SyncRecord> sent = prepared.entries().stream().map(BrazePayload.Entry::record).toList();
        BatchResult answer = BrazeAnswer.tracked(response, sent, http.where(), clock.instant());
        results.addAll(answer.results());
        return new BatchResult(results, answer.reported());
    }

    /** The keys among {@code externalIds} that Braze knows no user by. */
    private Set<String> unknownExternalIds(List<String> externalIds) {
        Set<String> unknown = new HashSet<>();
        for (int from = 0; from < externalIds.size(); from += EXPORT_IDS_PER_REQUEST) {
            ObjectNode request = VendorResponse.JSON.createObjectNode();
            externalIds.subList(from, Math.min(externalIds.size(), from + EXPORT_IDS_PER_REQUEST))
                    .forEach(request.putArray("external_ids")::add);
            request.putArray("fields_to_export").add("external_id");
            VendorResponse response = post("/users/export/ids", request);
            if (!response.successful()) {
                throw BrazeAnswer.failure(response, http.where(), clock.instant());
            }
            for (JsonNode id : response.json(http.where()).path("invalid_user_ids")) {
                unknown.add(id.asText());
            }
        }
        return unknown;
    }

    private VendorResponse post(String path, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = VendorResponse.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Braze request as JSON", e);
        }
        HttpRequest request = http.request(settings.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .setHeader("content-type", "application/json")
                .setHeader("authorization", "Bearer " + settings.apiKey().reveal())
                .build();
        return http.send(request);
    }

    @Override
    public String toString() {
        return "BrazeDestination[" + settings.name() + " at " + settings.restEndpoint() + "]";
    }
}
