package dev.ownstack.cli.command;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncAlerts;
import java.io.PrintWriter;
import java.time.Clock;

/** The project's syncs for one command: the warehouse opened per call, the connectors on the class path, alerts as configured. */
final class SyncSession {
    private SyncSession() {
    }

    static ProjectSyncs open(ProjectConfig config, PrintWriter err) {
        return new ProjectSyncs(config, () -> ProjectOption.openWarehouse(config, err), Destinations.load(), Clock.systemUTC(),
                new SyncAlerts(config.alerts(), Clock.systemUTC()));
    }
}
