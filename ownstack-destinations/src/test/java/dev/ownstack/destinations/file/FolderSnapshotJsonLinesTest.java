package dev.ownstack.destinations.file;

import java.util.Map;

/** The folder destination writing gzip JSON lines, changes and a full snapshot per run, passes the contract too. */
class FolderSnapshotJsonLinesTest extends FolderDestinationTest {
    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = super.settings();
        settings.put("format", "jsonl");
        settings.put("compression", "gzip");
        settings.put("files", "both");
        settings.put("records-per-file", 4000);
        return settings;
    }
}
