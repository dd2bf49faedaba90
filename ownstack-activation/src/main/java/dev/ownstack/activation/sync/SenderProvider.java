package dev.ownstack.activation.sync;

import dev.ownstack.core.config.syncs.DestinationDefinition;

/** Opens configured destinations for the sync engine, each with the sender that delivers to it. */
public interface SenderProvider {
    /**
     * The destination the definition configures, opened once and shared by every sync that
     * writes to it.
     *
     * @throws dev.ownstack.core.error.OwnstackException {@code CONFIG_INVALID} for an unknown type
     *     or invalid settings
     */
    DestinationHandle open(DestinationDefinition definition);
}
