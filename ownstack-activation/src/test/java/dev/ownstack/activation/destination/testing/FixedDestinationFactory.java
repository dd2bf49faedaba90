package dev.ownstack.activation.destination.testing;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** A destination type without settings whose every destination is the one given, with the capabilities given; counts how often it opened one. */
public final class FixedDestinationFactory implements DestinationFactory {
    private final String type;
    private final Destination destination;
    private final Capabilities capabilities;
    private final AtomicInteger opened = new AtomicInteger();

    public FixedDestinationFactory(String type, Destination destination, Capabilities capabilities) {
        this.type = Objects.requireNonNull(type, "type");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String description() {
        return "test destination " + type;
    }

    @Override
    public ConfigSpec spec() {
        return ConfigSpec.of();
    }

    @Override
    public Capabilities defaultCapabilities() {
        return capabilities;
    }

    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        return capabilities;
    }

    @Override
    public Destination open(DestinationSettings settings) {
        opened.incrementAndGet();
        return destination;
    }

    public int opened() {
        return opened.get();
    }
}
