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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A destination type for API and CLI tests: accepts every record; its check answers ok when {@code url} starts with {@code ok:}. */
public final class MemoryDestinationFactory implements DestinationFactory {
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
                return BatchResult.allAccepted(batch);
            }
        };
    }
}
