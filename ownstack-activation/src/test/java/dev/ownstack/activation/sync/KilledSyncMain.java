package dev.ownstack.activation.sync;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.testing.HttpRecordDestination;
import dev.ownstack.activation.sync.delivery.DeliveryPolicy;
import dev.ownstack.activation.sync.delivery.DestinationSender;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.warehouse.Warehouse;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/** Runs {@link SyncKilledRunIT}'s sync once, in a process of its own that the test kills: {@code KilledSyncMain WAREHOUSE_FILE URL}. */
public final class KilledSyncMain {
    static final Capabilities CAPABILITIES = new Capabilities(EnumSet.allOf(Operation.class), 20, 0, 2, Optional.empty(), false);

    private KilledSyncMain() {
    }

    public static void main(String[] args) {
        try (Warehouse warehouse = DuckDbWarehouse.open(args[0], Duration.ofSeconds(60), message -> { })) {
            SyncRun run = service(warehouse, args[1], Clock.systemUTC()).run("people", false);
            System.err.println("run " + run.runId() + " " + run.status() + ": " + run.message());
        }
    }

    /** The sync service both the child and the test use: the people sync to the record server at {@code url}. */
    static SyncService service(Warehouse warehouse, String url, Clock clock) {
        Destination destination = new HttpRecordDestination(url);
        DestinationSender sender = new DestinationSender("api", destination, CAPABILITIES, DeliveryPolicy.DEFAULT);
        DestinationHandle handle = new DestinationHandle("api", destination, CAPABILITIES, sender);
        return new SyncService(warehouse, SyncCatalog.of(Map.of("people", SyncChaosTest.sync("api")),
                Map.of("api", new DestinationDefinition("api", "http", Map.of()))), definition -> handle, clock);
    }
}
