package dev.ownstack.server.syncs;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A destination type for API tests: keeps the records it accepts in {@link #STORES} under its
 * {@code url}, rejects a record whose {@code email} field is {@code reject@example.com}; its check
 * answers ok when {@code url} starts with {@code ok:}.
 */
public final class MemoryDestinationFactory implements DestinationFactory {
    /** url → record key → fields. */
    public static final Map<String, Map<String, Map<String, Object>>> STORES = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "memory";
    }

    @Override
    public String description() {
        return "Keeps records in memory (tests).";
    }

    @Override
    public ConfigSpec spec() {
        return ConfigSpec.of(ConfigField.required("url", ConfigField.Type.STRING, "Where it lives."),
                ConfigField.required("token", ConfigField.Type.SECRET, "The API token."),
                ConfigField.choice("format", "json", List.of("json", "csv"), "How records are encoded."));
    }

    @Override
    public Capabilities defaultCapabilities() {
        return capabilities(null);
    }

    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        return new Capabilities(Set.of(Operation.values()), 100, 0, 1, Optional.empty(), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        String url = settings.string("url");
        return new Destination() {
            @Override
            public CheckResult check() {
                return url.startsWith("ok:") ? CheckResult.ok("reached " + url) : CheckResult.failed("cannot reach " + url + ": connection refused");
            }

            @Override
            public BatchResult write(RecordBatch batch) {
                Map<String, Map<String, Object>> store = STORES.computeIfAbsent(url, key -> new ConcurrentHashMap<>());
                List<RecordResult> results = new ArrayList<>();
                for (SyncRecord record : batch.records()) {
                    if ("reject@example.com".equals(record.fields().get("email"))) {
                        results.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, "invalid email address"));
                    } else if (batch.operation() == Operation.REMOVE) {
                        store.remove(record.key());
                        results.add(RecordResult.accepted(record.key()));
                    } else {
                        store.put(record.key(), new HashMap<>(record.fields()));
                        results.add(RecordResult.accepted(record.key()));
                    }
                }
                return new BatchResult(results);
            }
        };
    }
}
