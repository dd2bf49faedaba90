package dev.ownstack.destinations.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import dev.ownstack.destinations.pii.PiiContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a sync's members to its Meta Custom Audience
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences). With
 * {@code refresh: incremental} an upsert batch is one {@code POST /{audience_id}/users} and a
 * remove batch one {@code DELETE /{audience_id}/users} with the fields last sent, each run's
 * calls in one session per edge. With {@code refresh: replace} batches are only checked, and
 * {@link #finish} replaces the audience with every current member in one {@code usersreplace}
 * session. Thread-safe: one HTTP client and one audience lookup serve every writer.
 */
final class MetaDestination implements Destination {
    private final MetaSettings settings;
    private final GraphApi graph;
    private final MetaAudiences audiences;
    private final CustomerFile customerFile;
    private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();

    MetaDestination(MetaSettings settings, Clock clock) {
        this.settings = settings;
        this.graph = new GraphApi(settings, new VendorHttp(settings.where(), settings.timeout(), clock));
        this.audiences = new MetaAudiences(settings, graph);
        this.customerFile = new CustomerFile(new PiiContext(settings.defaultCountry()));
    }

    /** Reads the ad account (or the pinned audience): the token, its permission and the account are checked at once. */
    @Override
    public CheckResult check() {
        try {
            if (settings.audienceId().isPresent()) {
                JsonNode audience = graph.get(settings.audienceId().get(), Map.of("fields", "id,name"));
                return CheckResult.ok(settings.where() + " can read custom audience " + audience.path("id").asText()
                        + " (" + audience.path("name").asText() + ")");
            }
            JsonNode account = graph.get("act_" + settings.adAccountId(), Map.of("fields", "id,name,account_status"));
            return CheckResult.ok(settings.where() + " can read ad account " + account.path("id").asText()
                    + " (" + account.path("name").asText() + ")");
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public void start(RunInfo run) {
        sessions.keySet().removeIf(key -> key.startsWith(run.sync() + "\n"));
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        rejectUnknownFields(batch);
        CustomerFile.Prepared prepared = customerFile.prepare(batch.records());
        List<RecordResult> results = new ArrayList<>(batch.size());
        prepared.rejections().forEach(rejection -> results.add(RecordResult.rejected(rejection.key(), ErrorClass.PERMANENT, rejection.message())));
        if (settings.refresh() == MetaSettings.Refresh.REPLACE || prepared.rows().isEmpty()) {
            prepared.rows().forEach(row -> results.add(RecordResult.accepted(row.key())));
            return new BatchResult(results);
        }
        String edge = batch.operation() == Operation.REMOVE ? "users-remove" : "users-add";
        UploadSession session = session(batch.run(), edge);
        Map<String, String> params = params(prepared.rows(), session.parameter(session.sequence(batch.id()), false, Optional.empty()));
        String path = audiences.audienceId(batch.run().sync()) + "/users";
        JsonNode answer = batch.operation() == Operation.REMOVE ? graph.delete(path, params) : graph.post(path, params);
        UploadAnswer upload = UploadAnswer.of(answer);
        results.addAll(upload.results(prepared.rows()));
        return new BatchResult(results, upload.reported());
    }

    /** With {@code refresh: replace}, replaces the audience with {@code current}; otherwise closes the run's sessions. */
    @Override
    public void finish(RunInfo run, Iterator<SyncRecord> current) {
        sessions.keySet().removeIf(key -> key.startsWith(run.sync() + "\n" + run.runId() + "\n"));
        if (settings.refresh() != MetaSettings.Refresh.REPLACE) {
            return;
        }
        String audienceId = audiences.audienceId(run.sync());
        UploadSession session = UploadSession.of(run.sync(), run.runId(), run.startedAt().toString(), "usersreplace");
        List<CustomerFile.Row> pending = next(current);
        long counted = pending.size();
        int sequence = 0;
        while (!pending.isEmpty()) {
            List<CustomerFile.Row> following = next(current);
            counted += following.size();
            boolean last = following.isEmpty();
            graph.post(audienceId + "/usersreplace", params(pending, session.parameter(++sequence, last, Optional.of(counted))));
            pending = following;
        }
    }

    /** The next rows of a snapshot, up to one call's worth; records that cannot be sent were rejected when written and are left out. */
    private List<CustomerFile.Row> next(Iterator<SyncRecord> current) {
        List<CustomerFile.Row> rows = new ArrayList<>();
        List<SyncRecord> chunk = new ArrayList<>();
        while (rows.size() < MetaDestinationFactory.MAX_ROWS && current.hasNext()) {
            chunk.clear();
            while (chunk.size() < MetaDestinationFactory.MAX_ROWS - rows.size() && current.hasNext()) {
                chunk.add(current.next());
            }
            rows.addAll(customerFile.prepare(chunk).rows());
        }
        return rows;
    }

    private UploadSession session(RunInfo run, String edge) {
        return sessions.computeIfAbsent(run.sync() + "\n" + run.runId() + "\n" + edge,
                key -> UploadSession.of(run.sync(), run.runId(), run.startedAt().toString(), edge));
    }

    private Map<String, String> params(List<CustomerFile.Row> rows, Map<String, Object> session) {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            params.put("payload", VendorResponse.JSON.writeValueAsString(CustomerFile.payload(rows)));
            params.put("session", VendorResponse.JSON.writeValueAsString(session));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists of text always serialise", e);
        }
        return params;
    }

    private void rejectUnknownFields(RecordBatch batch) {
        Set<String> names = new LinkedHashSet<>();
        batch.records().forEach(record -> names.addAll(record.fields().keySet()));
        List<String> unknown = CustomerFile.unknownFields(names);
        if (!unknown.isEmpty()) {
            throw new DestinationException(ErrorClass.PERMANENT, "destinations." + settings.name() + ": sync " + batch.run().sync()
                    + " maps field(s) " + String.join(", ", unknown) + " that Meta does not match on; map only " + CustomerFile.knownFields());
        }
    }

    @Override
    public String toString() {
        return "MetaDestination[" + settings + "]";
    }
}
