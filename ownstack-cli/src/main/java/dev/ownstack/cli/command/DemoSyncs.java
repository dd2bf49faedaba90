package dev.ownstack.cli.command;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncAlerts;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** The demo's destinations and syncs: its audiences to a folder of CSV files and to a webhook receiver it runs (docs/SYNCS.md). */
final class DemoSyncs {
    static final String FILE_SYNC = "big-spenders-to-outbox";
    static final String WEBHOOK_SYNC = "lapsed-buyers-to-crm";
    /** A Standard Webhooks secret for the demo's receiver only: 24 bytes, base64. */
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("demo-secret-not-for-prod".getBytes(StandardCharsets.UTF_8));

    private DemoSyncs() {
    }

    /** The destinations: and syncs: sections of the demo's ownstack.yml. */
    static String yaml(Path outbox, String receiverUrl) {
        return """
                destinations:                    # ownstack destination list; the connectors: ownstack destination types
                  outbox:
                    type: file
                    path: %s
                    format: csv
                    files: both                  # per run: added.csv, removed.csv and a full snapshot.csv
                  crm-hook:
                    type: webhook
                    url: %s   # a receiver the demo ran; point it at your own
                    secret: %s   # use ${env:NAME} for a real one
                syncs:                           # ownstack sync list; ownstack sync run NAME; docs/SYNCS.md
                  %s:
                    source: {audience: %s}
                    destination: outbox
                    identifier: customer_id
                    mapping: {email: email, first_name: first_name, revenue: revenue}
                    mode: mirror                 # customers who leave the audience are listed in removed.csv
                  %s:
                    source: {audience: %s}     # made from a recipe by the demo, kept in the warehouse
                    destination: crm-hook
                    identifier: customer_id
                    mapping: {email: email, first_name: first_name, last_order_at: last_order_at}
                    mode: mirror
                """.formatted(quoted(outbox.toString()), quoted(receiverUrl), SECRET, FILE_SYNC, DemoCommand.YAML_AUDIENCE, WEBHOOK_SYNC,
                DemoCommand.RECIPE_AUDIENCE);
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Runs both syncs, then both again (which sends nothing: nothing changed), printing each run's summary. */
    static void run(ProjectConfig config, Warehouse warehouse, DemoReceiver receiver, Path outbox, PrintWriter out, PrintWriter err)
            throws IOException {
        out.printf("7/8  Syncing the audiences: %s to the CSV files of %s, %s to the webhook receiver %s%n", DemoCommand.YAML_AUDIENCE,
                outbox, DemoCommand.RECIPE_AUDIENCE, receiver.url());
        out.flush();
        try (ProjectSyncs syncs = new ProjectSyncs(config, warehouse::openSibling, Destinations.load(), Clock.systemUTC(), SyncAlerts.NONE)) {
            for (String sync : List.of(FILE_SYNC, WEBHOOK_SYNC)) {
                SyncRun run = SyncRunCommands.withProgress(err, "sync " + sync, () -> syncs.run(sync, false));
                out.println("     " + SyncRunCommands.Summary.sentence(run));
            }
            out.printf("     The receiver got %,d records.upserted in %,d signed requests; %s holds %s%n", receiver.records("records.upserted"),
                    receiver.requests(), outbox, files(outbox));
            out.println("     Running both again sends only what changed since, which is nothing:");
            for (String sync : List.of(FILE_SYNC, WEBHOOK_SYNC)) {
                out.println("     " + SyncRunCommands.Summary.sentence(syncs.run(sync, false)));
            }
        }
        out.flush();
    }

    private static String files(Path outbox) throws IOException {
        try (Stream<Path> files = Files.walk(outbox)) {
            List<String> names = files.filter(Files::isRegularFile).map(file -> outbox.relativize(file).toString()).sorted().toList();
            return names.size() + " files: " + String.join(", ", names);
        }
    }
}
