package dev.ownstack.destinations.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.SyncRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final RunInfo RUN = new RunInfo("s", 1, Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path folder;

    @Test
    void a_batch_resent_after_reopening_is_spooled_once() throws IOException {
        try (Spool spool = Spool.open(folder)) {
            assertTrue(spool.append(batch("s-1-1", Operation.UPSERT, "a", "b")));
        }
        try (Spool spool = Spool.open(folder)) {
            assertFalse(spool.append(batch("s-1-1", Operation.UPSERT, "a", "b")), "already spooled");
            assertTrue(spool.append(batch("s-1-2", Operation.REMOVE, "c")));
            assertEquals(List.of("a", "b"), keys(spool, Operation.UPSERT));
            assertEquals(List.of("c"), keys(spool, Operation.REMOVE));
        }
    }

    @Test
    void bytes_after_the_last_logged_batch_are_cut_off_when_reopened() throws IOException {
        try (Spool spool = Spool.open(folder)) {
            spool.append(batch("s-1-1", Operation.UPSERT, "a"));
        }
        // a crash after the records of a batch were written but before it was logged
        Files.writeString(folder.resolve("upsert.jsonl"), "{\"key\":\"half\",\"fields\":{}}\n{\"key\":\"ha", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(folder.resolve("batches.jsonl"), "{\"batch\":\"s-1-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Spool spool = Spool.open(folder)) {
            assertEquals(List.of("a"), keys(spool, Operation.UPSERT));
            assertTrue(spool.append(batch("s-1-2", Operation.UPSERT, "b")));
            assertEquals(List.of("a", "b"), keys(spool, Operation.UPSERT));
        }
        try (Spool spool = Spool.open(folder)) {
            assertEquals(List.of("a", "b"), keys(spool, Operation.UPSERT));
        }
    }

    @Test
    void values_come_back_in_their_file_form() throws IOException {
        try (Spool spool = Spool.open(folder)) {
            spool.append(new RecordBatch("s-1-1", RUN, Operation.UPSERT, List.of(new SyncRecord("a", Map.of("n", 1.25))), 1));
            try (Stream<SyncRecord> records = spool.records(Operation.UPSERT)) {
                assertEquals("1.25", Values.text(records.findFirst().orElseThrow().fields().get("n")));
            }
        }
    }

    private static RecordBatch batch(String id, Operation operation, String... keys) {
        return new RecordBatch(id, RUN, operation, Stream.of(keys).map(key -> new SyncRecord(key, Map.of("name", key))).toList(), 1);
    }

    private static List<String> keys(Spool spool, Operation operation) throws IOException {
        try (Stream<SyncRecord> records = spool.records(operation)) {
            return records.map(SyncRecord::key).toList();
        }
    }
}
