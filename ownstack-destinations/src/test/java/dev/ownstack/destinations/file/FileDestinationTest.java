package dev.ownstack.destinations.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run layout and failure behaviour of file destinations, over a store that remembers what it was given. */
class FileDestinationTest {
    private static final RunInfo RUN = new RunInfo("members", 3, Instant.parse("2026-02-01T10:00:00Z"));

    @TempDir
    Path spool;
    @TempDir
    Path target;
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private boolean failPublishing;

    @Test
    void a_run_resumed_after_a_crash_writes_each_spooled_batch_once() {
        FileDestination killed = destination(RecordFormat.CSV);
        killed.start(RUN);
        killed.write(batch("members-3-1", Operation.UPSERT, "a", "b"));
        // killed here: no finish, no close; the engine resends the batch it saw no answer for
        FileDestination resumed = destination(RecordFormat.CSV);
        resumed.start(RUN);
        resumed.write(batch("members-3-1", Operation.UPSERT, "a", "b"));
        resumed.write(batch("members-3-2", Operation.REMOVE, "z"));
        resumed.finish(RUN, Collections.emptyIterator());
        String added = read("members/3/added-00000.csv");
        assertEquals("name,key\nname of a,a\nname of b,b\n", added);
        assertEquals("name,key\nname of z,z\n", read("members/3/removed-00000.csv"));
        resumed.close();
        killed.close();
    }

    @Test
    void the_manifest_is_published_last_and_counts_every_file() {
        FileDestination destination = destination(RecordFormat.JSON_LINES);
        destination.start(RUN);
        destination.write(batch("members-3-1", Operation.UPSERT, "a", "b", "c"));
        destination.finish(RUN, Collections.emptyIterator());
        assertEquals(List.of("members/3/added-00000.jsonl", "members/3/_manifest.json"), published);
        Map<String, Object> manifest = StoredRuns.read(bytes("members/3/_manifest.json"));
        assertEquals(Map.of("added", 3, "removed", 0), manifest.get("counts"));
        assertEquals("members", manifest.get("sync"));
        assertEquals(3, manifest.get("run"));
        assertEquals("2026-02-01T10:00:00Z", manifest.get("started_at"));
        assertEquals("jsonl", manifest.get("format"));
        destination.close();
    }

    @Test
    void a_failed_upload_keeps_the_spool_so_finish_can_be_retried() {
        FileDestination destination = destination(RecordFormat.CSV);
        destination.start(RUN);
        destination.write(batch("members-3-1", Operation.UPSERT, "a"));
        failPublishing = true;
        DestinationException error = assertThrows(DestinationException.class, () -> destination.finish(RUN, Collections.emptyIterator()));
        assertEquals(ErrorClass.RETRYABLE, error.errorClass());
        assertFalse(Files.exists(target.resolve("members/3/_manifest.json")));
        failPublishing = false;
        destination.finish(RUN, Collections.emptyIterator());
        assertEquals("name,key\nname of a,a\n", read("members/3/added-00000.csv"));
        destination.close();
    }

    @Test
    void rejects_permanently_a_field_named_like_the_key_column_and_csv_fields_unlike_the_first() {
        FileDestination destination = destination(RecordFormat.CSV);
        destination.start(RUN);
        destination.write(batch("members-3-1", Operation.UPSERT, "a"));
        BatchResult result = destination.write(new RecordBatch("members-3-2", RUN, Operation.UPSERT, List.of(
                new SyncRecord("b", Map.of("key", "x")),
                new SyncRecord("c", Map.of("email", "c@example.com")),
                new SyncRecord("d", Map.of("name", "name of d"))), 1));
        Map<String, RecordResult> byKey = new java.util.HashMap<>();
        result.results().forEach(record -> byKey.put(record.key(), record));
        assertEquals(ErrorClass.PERMANENT, byKey.get("b").errorClass().orElseThrow());
        assertTrue(byKey.get("b").message().contains("key column"), byKey.get("b").message());
        assertEquals(ErrorClass.PERMANENT, byKey.get("c").errorClass().orElseThrow());
        assertTrue(byKey.get("c").message().contains("[email]"), byKey.get("c").message());
        assertTrue(byKey.get("d").accepted());
        destination.finish(RUN, Collections.emptyIterator());
        assertEquals("name,key\nname of a,a\nname of d,d\n", read("members/3/added-00000.csv"));
        destination.close();
    }

    @Test
    void a_snapshot_only_destination_writes_the_current_records_and_no_changes() {
        FileSettings settings = new FileSettings(RecordFormat.CSV, false, FileSettings.RunFiles.SNAPSHOT, "id", 2, spool);
        FileDestination destination = new FileDestination("exports", settings, new RecordingStore());
        destination.start(RUN);
        destination.write(batch("members-3-1", Operation.UPSERT, "c"));
        destination.finish(RUN, List.of(record("a"), record("b"), record("c")).iterator());
        assertEquals(List.of("members/3/snapshot-00000.csv", "members/3/snapshot-00001.csv", "members/3/_manifest.json"), published);
        assertEquals("name,id\nname of a,a\nname of b,b\n", read("members/3/snapshot-00000.csv"));
        assertEquals("name,id\nname of c,c\n", read("members/3/snapshot-00001.csv"));
        destination.close();
    }

    @Test
    void check_reports_a_missing_folder_without_throwing() {
        CheckResult result = new FolderStore(target.resolve("nowhere")).check();
        assertFalse(result.ok());
        assertTrue(result.message().contains("nowhere"), result.message());
    }

    private FileDestination destination(RecordFormat format) {
        return new FileDestination("exports", new FileSettings(format, false, FileSettings.RunFiles.CHANGES, "key", 1000, spool), new RecordingStore());
    }

    private static RecordBatch batch(String id, Operation operation, String... keys) {
        List<SyncRecord> records = new ArrayList<>();
        for (String key : keys) {
            records.add(record(key));
        }
        return new RecordBatch(id, RUN, operation, records, 1);
    }

    private static SyncRecord record(String key) {
        return new SyncRecord(key, Map.of("name", "name of " + key));
    }

    private String read(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private byte[] bytes(String path) {
        try {
            return Files.readAllBytes(target.resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A folder store that records the order of publishing and can be made to fail. */
    private final class RecordingStore implements FileStore {
        private final FolderStore folder = new FolderStore(target);

        @Override
        public String describe() {
            return folder.describe();
        }

        @Override
        public CheckResult check() {
            return folder.check();
        }

        @Override
        public void publish(String path, Path file) {
            if (failPublishing) {
                throw new DestinationException(ErrorClass.RETRYABLE, "store down");
            }
            folder.publish(path, file);
            published.add(path);
        }
    }
}
