package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.DestinationHandle;
import dev.ownstack.activation.sync.SenderProvider;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The open destinations of a process, each opened once through {@link Destinations} on first use,
 * with one {@link DestinationSender} shared by every sync that writes to it. Each destination has
 * its own threads, concurrency slots and rate limit, so a slow or failing destination never delays
 * another. Thread-safe. {@link #close} stops the senders and closes the destinations.
 */
public final class Senders implements SenderProvider, AutoCloseable {
    private final Destinations destinations;
    private final DeliveryPolicy policy;
    private final Map<String, Entry> open = new LinkedHashMap<>();
    private boolean closed;

    public Senders(Destinations destinations, DeliveryPolicy policy) {
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The destination of this name, opened on the first call. A later definition of the same name
     * must be the same definition: a process reopens its senders after a configuration change.
     */
    @Override
    public synchronized DestinationHandle open(DestinationDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (closed) {
            throw new OwnstackException(ErrorCode.INTERNAL, "destination " + definition.name() + " requested after the senders were closed");
        }
        Entry entry = open.get(definition.name());
        if (entry == null) {
            DestinationFactory factory = destinations.factory(definition.type());
            DestinationSettings settings = factory.spec().validate(definition);
            Capabilities capabilities = factory.capabilities(settings);
            Destination destination = factory.open(settings);
            DestinationSender sender = new DestinationSender(definition.name(), destination, capabilities, policy);
            entry = new Entry(definition, new DestinationHandle(definition.name(), destination, capabilities, sender), sender);
            open.put(definition.name(), entry);
        } else if (!entry.definition.equals(definition)) {
            throw new OwnstackException(ErrorCode.CONFLICT, "destination " + definition.name() + " is already open with other settings"
                    + " (type " + entry.definition.type() + "); reopen the senders after changing a destination");
        }
        return entry.handle;
    }

    /**
     * Closes the destination of this name when it is open, so that its next use opens it with
     * its definition then (after it was changed or deleted). A run still writing to it fails the
     * batches it had left.
     */
    public synchronized void release(String name) {
        Entry entry = open.remove(name);
        if (entry == null) {
            return;
        }
        entry.sender.close();
        try {
            entry.handle.destination().close();
        } catch (Exception e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "closing destination " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public DestinationCategory category(DestinationDefinition definition) {
        return destinations.category(definition.type());
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (Entry entry : open.values()) {
            entry.sender.close();
            try {
                entry.handle.destination().close();
            } catch (Exception e) {
                failures.add(new OwnstackException(ErrorCode.IO_FAILED, "closing destination " + entry.handle.name() + " failed: " + e.getMessage(), e));
            }
        }
        open.clear();
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private record Entry(DestinationDefinition definition, DestinationHandle handle, DestinationSender sender) {
    }
}
