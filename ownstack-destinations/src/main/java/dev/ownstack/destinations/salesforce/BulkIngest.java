package dev.ownstack.destinations.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Bulk API 2.0 ingest job per batch
 * (https://developer.salesforce.com/docs/platform/api-asynch/guide/bulk-api-2-0-ingest.html):
 * create the job, upload the CSV, mark it {@code UploadComplete}, poll until it is
 * {@code JobComplete}, {@code Failed} or {@code Aborted}, then read every record's outcome from
 * {@code successfulResults/} and {@code failedResults/} (the upload's own success says nothing
 * about the records); a record in neither is one of the job's {@code unprocessedrecords/}: a
 * job that failed rejects it permanently with the job's error, an aborted one for a resend.
 * Results come back in no particular order, so
 * they are matched by the external id column (upserts) or the {@code Id} column (deletes).
 */
final class BulkIngest {
    private static final Duration FIRST_POLL = Duration.ofMillis(250);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(10);
    private static final String CSV_TYPE = "text/csv";

    private final SalesforceClient client;
    private final SalesforceSettings settings;
    private final SalesforceRecords records;
    private final Clock clock;

    BulkIngest(SalesforceClient client, SalesforceSettings settings, SalesforceRecords records, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.records = records;
        this.clock = clock;
    }

    /** Upserts the records in one job, by the external id field; counts created and updated records into {@code counts}. */
    List<RecordResult> upsert(List<SyncRecord> batch, Map<String, Long> counts) {
        Outcome outcome = run("upsert", Csv.write(records.upsertRows(batch)), settings.externalIdField());
        return batch.stream().map(record -> outcome.result(record.key(), record.key(), counts)).toList();
    }

    /** Deletes the records ({@code key -> id}) in one job; records already deleted count as removed. */
    List<RecordResult> delete(Map<String, String> ids) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Id"));
        ids.values().forEach(id -> rows.add(List.of(id)));
        Outcome outcome = run("delete", Csv.write(rows), "Id");
        List<RecordResult> results = new ArrayList<>(ids.size());
        ids.forEach((key, id) -> results.add(outcome.result(key, id, new HashMap<>())));
        return results;
    }

    private Outcome run(String operation, String csv, String matchColumn) {
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("object", settings.object());
        if (operation.equals("upsert")) {
            job.put("externalIdFieldName", settings.externalIdField());
        }
        job.put("contentType", "CSV").put("operation", operation).put("lineEnding", "LF").put("columnDelimiter", "COMMA");
        String id = client.json("POST", settings.data("/jobs/ingest"), bytes(job)).path("id").asText("");
        if (id.isEmpty()) {
            throw new DestinationException(ErrorClass.RETRYABLE, client.where() + " created a Bulk API job without an id");
        }
        try {
            VendorResponse upload = client.send("PUT", settings.data("/jobs/ingest/" + id + "/batches"), CSV_TYPE,
                    csv.getBytes(StandardCharsets.UTF_8));
            if (!upload.successful()) {
                throw client.failure(upload);
            }
            client.json("PATCH", settings.data("/jobs/ingest/" + id), bytes(state("UploadComplete")));
            JsonNode info = awaitEnd(id);
            return new Outcome(id, info.path("state").asText(), info.path("errorMessage").asText(""), matchColumn,
                    byValue(Csv.read(results(id, "successfulResults/")), matchColumn),
                    byValue(Csv.read(results(id, "failedResults/")), matchColumn));
        } catch (DestinationException e) {
            abortQuietly(id);
            throw e;
        }
    }

    private JsonNode awaitEnd(String id) {
        Instant deadline = clock.instant().plus(settings.bulkWait());
        Duration pause = FIRST_POLL;
        while (true) {
            JsonNode info = client.json("GET", settings.data("/jobs/ingest/" + id), null);
            String state = info.path("state").asText();
            if (state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted")) {
                return info;
            }
            if (clock.instant().plus(pause).isAfter(deadline)) {
                throw new DestinationException(ErrorClass.RETRYABLE, client.where() + ": Bulk API job " + id + " was still " + state
                        + " after " + settings.bulkWait().toSeconds() + " s (bulk-wait-seconds); the batch is sent again");
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DestinationException(ErrorClass.RETRYABLE, "interrupted while waiting for Bulk API job " + id, Optional.empty(), e);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
        }
    }

    private String results(String id, String kind) {
        VendorResponse response = client.send("GET", settings.data("/jobs/ingest/" + id + "/" + kind), null, null, CSV_TYPE);
        if (!response.successful()) {
            throw client.failure(response);
        }
        return response.text();
    }

    private void abortQuietly(String id) {
        try {
            client.send("PATCH", settings.data("/jobs/ingest/" + id), SalesforceClient.JSON_TYPE, bytes(state("Aborted")));
        } catch (DestinationException e) {
            // the batch's own failure is what is reported; a job left open is closed by Salesforce after 24 hours
        }
    }

    private static ObjectNode state(String state) {
        return JsonNodeFactory.instance.objectNode().put("state", state);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return VendorResponse.JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Map<String, String>> byValue(List<Map<String, String>> rows, String column) {
        Map<String, Map<String, String>> map = new HashMap<>();
        for (Map<String, String> row : rows) {
            map.put(row.getOrDefault(column, ""), row);
        }
        return map;
    }

    /**
     * A finished job's results, by the value of the column that matches them to records.
     *
     * @param state      JobComplete, Failed or Aborted
     * @param successful successfulResults/ rows ({@code sf__Id}, {@code sf__Created}, the uploaded columns)
     * @param failed     failedResults/ rows ({@code sf__Id}, {@code sf__Error}, the uploaded columns)
     */
    private record Outcome(String id, String state, String errorMessage, String column, Map<String, Map<String, String>> successful,
                           Map<String, Map<String, String>> failed) {
        RecordResult result(String key, String value, Map<String, Long> counts) {
            Map<String, String> success = successful.get(value);
            if (success != null) {
                counts.merge(Boolean.parseBoolean(success.getOrDefault("sf__Created", "false")) ? "created" : "updated", 1L, Long::sum);
                String recordId = success.getOrDefault("sf__Id", "");
                return recordId.isEmpty() || column.equals("Id") ? RecordResult.accepted(key) : RecordResult.accepted(key, recordId);
            }
            Map<String, String> failure = failed.get(value);
            if (failure != null) {
                SalesforceError error = SalesforceError.ofBulk(failure.getOrDefault("sf__Error", ""));
                if (column.equals("Id") && error.code().equals("ENTITY_IS_DELETED")) {
                    return RecordResult.accepted(key);
                }
                return RecordResult.rejected(key, error.errorClass(), error.toString());
            }
            // unprocessed: the job failed or was aborted before reaching the record
            if (state.equals("Failed")) {
                return RecordResult.rejected(key, ErrorClass.PERMANENT, "Bulk API job " + id + " failed: " + errorMessage);
            }
            return RecordResult.rejected(key, ErrorClass.RETRYABLE, "Bulk API job " + id + " ended " + state + " without processing the record"
                    + (errorMessage.isEmpty() ? "" : ": " + errorMessage));
        }
    }
}
