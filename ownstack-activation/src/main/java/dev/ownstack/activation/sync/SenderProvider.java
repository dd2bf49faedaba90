package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.core.config.syncs.DestinationDefinition;

/**
 * Opens configured destinations for the sync engine, each with the {@link dev.ownstack.activation.sync.delivery.Sender}
 * that paces and retries its writes. The provider owns what it opens: it may hand the same handle to
 * every sync writing to one destination (so their requests together stay within its limits), and
 * it closes them; the engine never closes a handle. Thread-safe.
 */
public interface SenderProvider {
    /**
     * @throws dev.ownstack.core.error.OwnstackException {@code CONFIG_INVALID} when the definition's
     *     type is unknown or its settings are wrong
     */
    DestinationHandle open(DestinationDefinition definition);

    /** The kind of tool the definition's type is, for consent; {@code DATA} for a type no connector provides. */
    default DestinationCategory category(DestinationDefinition definition) {
        return Destinations.load().category(definition.type());
    }
}
