package dev.ownstack.activation.sync.testing;

import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.testing.InMemoryDestination;
import dev.ownstack.activation.sync.DestinationHandle;
import dev.ownstack.activation.sync.SenderProvider;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Hands out destinations given up front by name, each with a {@link SequentialSender}. */
public final class FixedSenderProvider implements SenderProvider {
    private final Map<String, DestinationHandle> handles = new ConcurrentHashMap<>();
    private volatile DestinationCategory category = DestinationCategory.DATA;

    /** Every destination of this provider is of this kind (for consent); {@code DATA} unless set. */
    public FixedSenderProvider ofCategory(DestinationCategory newCategory) {
        this.category = newCategory;
        return this;
    }

    @Override
    public DestinationCategory category(DestinationDefinition definition) {
        return category;
    }

    public FixedSenderProvider with(String name, InMemoryDestination destination) {
        return with(name, destination, destination);
    }

    /** @param capabilitiesOf the in-memory destination whose capabilities the handle declares */
    public FixedSenderProvider with(String name, Destination destination, InMemoryDestination capabilitiesOf) {
        handles.put(name, new DestinationHandle(name, destination, capabilitiesOf.capabilities(),
                new SequentialSender(destination, capabilitiesOf.capabilities().maxBatchRecords())));
        return this;
    }

    @Override
    public DestinationHandle open(DestinationDefinition definition) {
        DestinationHandle handle = handles.get(definition.name());
        if (handle == null) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "no destination " + definition.name() + " in this test");
        }
        return handle;
    }
}
