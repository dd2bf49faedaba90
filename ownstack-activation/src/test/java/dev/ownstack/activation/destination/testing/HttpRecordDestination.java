package dev.ownstack.activation.destination.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.SyncRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes batches to a {@link RecordServer}: 200 accepts the batch, 429 throttles, 5xx and I/O failures may be retried. */
public final class HttpRecordDestination implements Destination {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HttpRecordDestination(String url) {
        this.url = URI.create(url);
    }

    @Override
    public CheckResult check() {
        return CheckResult.ok(url.toString());
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        List<Map<String, Object>> records = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", record.key());
            entry.put("fields", record.fields());
            records.add(entry);
        }
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("id", batch.id(), "operation", batch.operation().name(), "records", records));
        } catch (JsonProcessingException e) {
            throw new DestinationException(ErrorClass.PERMANENT, "batch " + batch.id() + " cannot be written as JSON: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "POST " + url + " failed: " + e.getMessage(), Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DestinationException(ErrorClass.RETRYABLE, "POST " + url + " interrupted", Optional.empty(), e);
        }
        int status = response.statusCode();
        if (status == 200) {
            return BatchResult.allAccepted(batch);
        }
        ErrorClass errorClass = status == 429 ? ErrorClass.THROTTLED : status >= 500 ? ErrorClass.RETRYABLE : ErrorClass.PERMANENT;
        throw new DestinationException(errorClass, "POST " + url + " answered " + status);
    }
}
