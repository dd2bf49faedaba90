package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.sync.delivery.Sender;
import java.util.Objects;

/** An open destination: its name, the connection, what it can do, and the sender that delivers to it. */
public record DestinationHandle(String name, Destination destination, Capabilities capabilities, Sender sender) {
    public DestinationHandle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(sender, "sender");
    }
}
