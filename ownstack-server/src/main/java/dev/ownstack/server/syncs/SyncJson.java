package dev.ownstack.server.syncs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.sync.SyncPlanCounts;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncRunStatus;
import dev.ownstack.server.api.ApiJson;
import java.util.Locale;

/** Sync runs as the REST API and the alerts write them. */
public final class SyncJson {
    private SyncJson() {
    }

    /** {@code awaiting_approval}, {@code succeeded}, ...: the status in lower case. */
    public static String status(SyncRunStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    public static ObjectNode planned(SyncPlanCounts counts) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("adds", counts.adds());
        node.put("changes", counts.changes());
        node.put("removes", counts.removes());
        node.put("destinationRecords", counts.destinationRecords());
        return node;
    }

    public static ObjectNode run(SyncRun run) {
        ObjectNode node = ApiJson.NODES.objectNode();
        node.put("id", run.runId());
        node.put("sync", run.sync());
        node.put("status", status(run.status()));
        node.put("startedAt", run.startedAt().toString());
        run.finishedAt().ifPresentOrElse(at -> node.put("finishedAt", at.toString()), () -> node.putNull("finishedAt"));
        run.duration().ifPresentOrElse(duration -> node.put("durationMillis", duration.toMillis()), () -> node.putNull("durationMillis"));
        node.set("planned", planned(run.planned()));
        node.put("added", run.added());
        node.put("changed", run.changed());
        node.put("removed", run.removed());
        node.put("failed", run.failed());
        node.put("message", run.message());
        ArrayNode samples = node.putArray("errorSamples");
        run.errorSamples().forEach(samples::add);
        run.approves().ifPresentOrElse(id -> node.put("approves", id), () -> node.putNull("approves"));
        ObjectNode vendor = node.putObject("vendorCounts");
        run.vendorCounts().forEach(vendor::put);
        return node;
    }
}
