package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.sync.delivery.Sender;
import java.util.Objects;

/**
 * An open destination as the engine uses it: {@code start} and {@code finish} go to the
 * destination, batches through the sender.
 *
 * @param name the destination's configured name
 */
public record DestinationHandle(String name, Destination destination, Capabilities capabilities, Sender sender) {
    public DestinationHandle {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(sender, "sender");
    }
}
