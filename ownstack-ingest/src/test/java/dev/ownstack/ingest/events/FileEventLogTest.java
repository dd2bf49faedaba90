package dev.ownstack.ingest.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventLogTest {
    @TempDir
    Path directory;

    static LogRecord event(int number) {
        return new LogRecord(LogRecord.Kind.EVENT, "web", ("{\"messageId\":\"m" + number + "\",\"type\":\"track\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    static String text(LogEntry entry) {
        return entry.record().source() + " " + entry.record().kind() + " " + new String(entry.record().json(), StandardCharsets.UTF_8);
    }

    static List<LogEntry> readAll(EventLog log, LogPosition from) {
        try (EventLogReader reader = log.reader(from)) {
            List<LogEntry> all = new ArrayList<>();
            List<LogEntry> some;
            while (!(some = reader.poll(7, Duration.ZERO)).isEmpty()) {
                all.addAll(some);
            }
            return all;
        }
    }

    static OwnstackException failure(CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(OwnstackException.class, thrown.getCause());
    }

    List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void records_of_several_sources_in_one_append_keep_their_own_source() {
        try (FileEventLog log = new FileEventLog(directory)) {
            LogRecord app = new LogRecord(LogRecord.Kind.EVENT, "app ü", "{\"messageId\":\"a\"}".getBytes(StandardCharsets.UTF_8));
            log.append(List.of(event(1), event(2), app, app, event(3))).join();

            assertEquals(List.of("web", "web", "app ü", "app ü", "web"),
                    readAll(log, LogPosition.START).stream().map(entry -> entry.record().source()).toList());
        }
    }

    @Test
    void appended_records_read_back_in_order_with_their_positions() {
        try (FileEventLog log = new FileEventLog(directory)) {
            LogRecord reject = new LogRecord(LogRecord.Kind.REJECT, "app ü", "{\"reason\":\"no user\"}".getBytes(StandardCharsets.UTF_8));
            LogPosition first = log.append(List.of(event(1), event(2))).join();
            LogPosition second = log.append(List.of(reject)).join();

            List<LogEntry> entries = readAll(log, LogPosition.START);

            assertEquals(List.of("web EVENT {\"messageId\":\"m1\",\"type\":\"track\"}", "web EVENT {\"messageId\":\"m2\",\"type\":\"track\"}",
                    "app ü REJECT {\"reason\":\"no user\"}"), entries.stream().map(FileEventLogTest::text).toList());
            assertEquals(0, entries.get(0).offset());
            assertEquals(entries.get(0).nextOffset(), entries.get(1).offset());
            assertEquals(first.offset(0), entries.get(1).nextOffset());
            assertEquals(second.offset(0), entries.get(2).nextOffset());
            assertEquals(second.offset(0), log.durableEnd());
            assertEquals(List.of("app ü REJECT {\"reason\":\"no user\"}"), readAll(log, first).stream().map(FileEventLogTest::text).toList());
            assertTrue(log.id().matches("file:[0-9a-f-]{36}"), log.id());
        }
    }

    @Test
    void the_id_stays_the_same_when_the_log_is_reopened() {
        String id;
        try (FileEventLog log = new FileEventLog(directory)) {
            id = log.id();
        }
        try (FileEventLog log = new FileEventLog(directory)) {
            assertEquals(id, log.id());
        }
        try (FileEventLog other = new FileEventLog(directory.resolve("other"))) {
            assertFalse(other.id().equals(id));
        }
    }

    @Test
    void appends_from_many_threads_are_grouped_into_fewer_syncs_and_all_complete() throws Exception {
        int threads = 8;
        int appendsPerThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<LogPosition>> futures = new ArrayList<>();
        try (FileEventLog log = new FileEventLog(directory)) {
            List<Future<List<CompletableFuture<LogPosition>>>> submitted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                submitted.add(pool.submit(() -> IntStream.range(0, appendsPerThread)
                        .mapToObj(i -> log.append(List.of(event(thread * appendsPerThread + i)))).toList()));
            }
            for (Future<List<CompletableFuture<LogPosition>>> each : submitted) {
                futures.addAll(each.get(30, TimeUnit.SECONDS));
            }
            Set<Long> positions = new HashSet<>();
            for (CompletableFuture<LogPosition> future : futures) {
                positions.add(future.get(30, TimeUnit.SECONDS).offset(0));
            }

            assertEquals(threads * appendsPerThread, positions.size(), "every append gets its own end position");
            assertTrue(log.syncs() < threads * appendsPerThread, "syncs: " + log.syncs());
            List<LogEntry> entries = readAll(log, LogPosition.START);
            assertEquals(threads * appendsPerThread, entries.size());
            assertEquals(threads * appendsPerThread, entries.stream().map(FileEventLogTest::text).distinct().count());
            assertEquals(positions, new HashSet<>(entries.stream().map(LogEntry::nextOffset).toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopening_after_a_torn_last_record_cuts_it_off() throws IOException {
        long end;
        try (FileEventLog log = new FileEventLog(directory)) {
            end = log.append(List.of(event(1), event(2), event(3))).join().offset(0);
        }
        ByteBuffer torn = RecordFraming.encode(List.of(event(4)));
        torn.limit(torn.limit() - 5);
        Path segment = segmentFiles().get(0);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(torn);
        }

        try (FileEventLog log = new FileEventLog(directory)) {
            FileEventLog.Recovery recovery = log.recovery().orElseThrow();
            assertEquals(end, recovery.keptBytes());
            assertEquals(torn.limit(), recovery.truncatedBytes());
            assertTrue(recovery.reason().startsWith("incomplete record"), recovery.reason());
            assertEquals(end, Files.size(segment));
            assertEquals(end, log.durableEnd());

            log.append(List.of(event(5))).join();
            assertEquals(List.of("m1", "m2", "m3", "m5"), readAll(log, LogPosition.START).stream()
                    .map(entry -> text(entry).replaceAll(".*\"(m\\d)\".*", "$1")).toList());
        }
        try (FileEventLog log = new FileEventLog(directory)) {
            assertTrue(log.recovery().isEmpty(), "a clean log needs no recovery");
        }
    }

    @Test
    void a_record_whose_checksum_does_not_match_ends_the_log_on_reopen() throws IOException {
        long afterFirst;
        try (FileEventLog log = new FileEventLog(directory)) {
            afterFirst = log.append(List.of(event(1))).join().offset(0);
            log.append(List.of(event(2), event(3))).join();
        }
        Path segment = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        int inSecondJson = (int) afterFirst + RecordFraming.HEADER_BYTES + 10;
        bytes[inSecondJson] ^= 0x20;
        Files.write(segment, bytes);

        try (FileEventLog log = new FileEventLog(directory)) {
            FileEventLog.Recovery recovery = log.recovery().orElseThrow();
            assertTrue(recovery.reason().startsWith("damaged record"), recovery.reason());
            assertEquals(afterFirst, recovery.keptBytes());
            assertEquals(bytes.length - afterFirst, recovery.truncatedBytes());
            assertEquals(1, readAll(log, LogPosition.START).size());
        }
    }

    @Test
    void a_header_with_an_impossible_length_is_cut_like_a_torn_record() throws IOException {
        try (FileEventLog log = new FileEventLog(directory)) {
            log.append(List.of(event(1))).join();
        }
        Path segment = segmentFiles().get(0);
        long valid = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(12).putInt(0, Integer.MAX_VALUE));
        }

        try (FileEventLog log = new FileEventLog(directory)) {
            assertEquals(valid, log.recovery().orElseThrow().keptBytes());
            assertEquals(12, log.recovery().orElseThrow().truncatedBytes());
        }
    }

    @Test
    void segments_roll_at_their_size_and_release_deletes_the_loaded_ones() throws IOException {
        List<LogPosition> ends = new ArrayList<>();
        try (FileEventLog log = new FileEventLog(directory, 100, FileEventLog.DEFAULT_MAX_PENDING_BYTES)) {
            for (int i = 0; i < 30; i++) {
                ends.add(log.append(List.of(event(i))).join());
            }
            List<Path> segments = segmentFiles();
            assertTrue(segments.size() >= 10, segments.toString());
            assertEquals("00000000000000000000.log", segments.get(0).getFileName().toString());
            for (Path segment : segments) {
                assertTrue(Files.size(segment) <= 100, segment + " has " + Files.size(segment) + " bytes");
                long start = Long.parseLong(segment.getFileName().toString().substring(0, 20));
                assertTrue(start == 0 || ends.stream().anyMatch(end -> end.offset(0) == start), "starts at a record: " + segment);
            }
            assertEquals(30, readAll(log, LogPosition.START).size());
            assertEquals(ends.get(29).offset(0) - ends.get(14).offset(0), log.backlogBytes(ends.get(14)));

            log.release(ends.get(14));

            List<Path> kept = segmentFiles();
            long firstKept = Long.parseLong(kept.get(0).getFileName().toString().substring(0, 20));
            assertTrue(firstKept <= ends.get(14).offset(0) && firstKept > 0, "first kept segment starts at " + firstKept);
            assertEquals(15, readAll(log, ends.get(14)).size());
            assertEquals(30 - readAll(log, LogPosition.START).size(), (int) ends.stream().filter(end -> end.offset(0) <= firstKept).count(),
                    "a reader from the start begins at the first kept segment");

            log.release(ends.get(29));
            assertEquals(1, segmentFiles().size(), "the active segment stays");
            assertEquals(0, log.backlogBytes(ends.get(29)));
            assertTrue(log.backlogBytes(LogPosition.START) <= 100, "an unknown position counts from the first kept segment");
            log.append(List.of(event(30))).join();
            assertEquals(List.of("web EVENT {\"messageId\":\"m30\",\"type\":\"track\"}"),
                    readAll(log, ends.get(29)).stream().map(FileEventLogTest::text).toList());
        }
        try (FileEventLog log = new FileEventLog(directory, 100, FileEventLog.DEFAULT_MAX_PENDING_BYTES)) {
            assertEquals(1, readAll(log, ends.get(29)).size(), "reopened with released segments gone");
        }
    }

    @Test
    void a_waiting_reader_returns_as_soon_as_a_record_is_durable() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (FileEventLog log = new FileEventLog(directory); EventLogReader reader = log.reader(LogPosition.START)) {
            assertEquals(List.of(), reader.poll(10, Duration.ofMillis(50)), "nothing came during the wait");
            Future<List<LogEntry>> waiting = pool.submit(() -> reader.poll(10, Duration.ofMinutes(5)));
            Thread.sleep(100);
            assertFalse(waiting.isDone());

            LogPosition end = log.append(List.of(event(1))).join();

            List<LogEntry> entries = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(1, entries.size());
            assertEquals(end, reader.position());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readers_see_nothing_that_is_written_but_not_yet_synced() throws Exception {
        CountDownLatch syncAllowed = new CountDownLatch(1);
        FileEventLog.Sync slowDisk = channel -> {
            awaitQuietly(syncAllowed);
            channel.force(false);
        };
        try (FileEventLog log = new FileEventLog(directory, FileEventLog.DEFAULT_SEGMENT_BYTES, 1 << 20, slowDisk);
                EventLogReader reader = log.reader(LogPosition.START)) {
            CompletableFuture<LogPosition> pending = log.append(List.of(event(1)));
            while (Files.size(segmentFiles().get(0)) == 0) {
                Thread.sleep(5);
            }

            assertEquals(List.of(), reader.poll(10, Duration.ofMillis(50)));
            assertFalse(pending.isDone());

            syncAllowed.countDown();
            assertEquals(1, reader.poll(10, Duration.ofSeconds(30)).size());
            assertEquals(pending.get(10, TimeUnit.SECONDS), reader.position());
        }
    }

    @Test
    void a_full_write_queue_fails_appends_at_once_with_overloaded() throws Exception {
        CountDownLatch syncAllowed = new CountDownLatch(1);
        FileEventLog.Sync slowDisk = channel -> {
            awaitQuietly(syncAllowed);
            channel.force(false);
        };
        int recordBytes = RecordFraming.encode(List.of(event(1))).limit();
        try (FileEventLog log = new FileEventLog(directory, FileEventLog.DEFAULT_SEGMENT_BYTES, 10L * recordBytes, slowDisk)) {
            List<CompletableFuture<LogPosition>> accepted = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                accepted.add(log.append(List.of(event(i))));
            }

            CompletableFuture<LogPosition> refused = log.append(List.of(event(10)));

            assertTrue(refused.isDone(), "refused at once");
            OwnstackException error = failure(refused);
            assertEquals(ErrorCode.OVERLOADED, error.code());
            assertEquals("event log write queue is full (0.0 MiB pending); retry shortly", error.getMessage());
            syncAllowed.countDown();
            for (CompletableFuture<LogPosition> future : accepted) {
                future.get(10, TimeUnit.SECONDS);
            }
            log.append(List.of(event(11))).get(10, TimeUnit.SECONDS);
            assertEquals(11, readAll(log, LogPosition.START).size());
        }
    }

    @Test
    void after_a_failed_sync_the_group_and_every_later_append_fail_with_io_failed() throws Exception {
        FileEventLog.Sync brokenDisk = channel -> {
            throw new IOException("Input/output error");
        };
        try (FileEventLog log = new FileEventLog(directory, FileEventLog.DEFAULT_SEGMENT_BYTES, 1 << 20, brokenDisk)) {
            OwnstackException first = failure(log.append(List.of(event(1))));
            OwnstackException later = failure(log.append(List.of(event(2))));

            assertEquals(ErrorCode.IO_FAILED, first.code());
            assertTrue(first.getMessage().contains("Input/output error") && first.getMessage().contains("until it is reopened"),
                    first.getMessage());
            assertEquals(ErrorCode.IO_FAILED, later.code());
            assertEquals(0, log.durableEnd(), "nothing acknowledged");
        }
        try (FileEventLog log = new FileEventLog(directory)) {
            assertEquals(2, log.append(List.of(event(3))).thenApply(end -> readAll(log, LogPosition.START)).join().size(),
                    "reopened, the log reads what reached the file and takes appends again");
        }
    }

    @Test
    void close_writes_and_acknowledges_what_is_queued_and_then_refuses_appends() throws Exception {
        List<CompletableFuture<LogPosition>> futures = new ArrayList<>();
        FileEventLog log = new FileEventLog(directory);
        for (int i = 0; i < 500; i++) {
            futures.add(log.append(List.of(event(i))));
        }
        log.close();

        for (CompletableFuture<LogPosition> future : futures) {
            assertTrue(future.isDone() && !future.isCompletedExceptionally());
        }
        assertEquals(ErrorCode.OVERLOADED, failure(log.append(List.of(event(500)))).code());
        try (FileEventLog reopened = new FileEventLog(directory)) {
            assertEquals(500, readAll(reopened, LogPosition.START).size());
            assertTrue(reopened.recovery().isEmpty());
        }
    }

    @Test
    void a_record_over_the_size_limit_is_refused_without_touching_the_log() {
        try (FileEventLog log = new FileEventLog(directory)) {
            byte[] huge = new byte[RecordFraming.MAX_BODY_BYTES];
            OwnstackException error = failure(log.append(List.of(new LogRecord(LogRecord.Kind.EVENT, "web", huge))));

            assertEquals(ErrorCode.TOO_LARGE, error.code());
            log.append(List.of(event(1))).join();
            assertEquals(1, readAll(log, LogPosition.START).size());
        }
    }

    @Test
    void a_log_with_segments_but_no_id_is_refused() throws IOException {
        try (FileEventLog log = new FileEventLog(directory)) {
            log.append(List.of(event(1))).join();
        }
        Files.delete(directory.resolve(LogSegments.ID_FILE));

        OwnstackException error = assertThrows(OwnstackException.class, () -> new FileEventLog(directory));

        assertEquals(ErrorCode.IO_FAILED, error.code());
        assertTrue(error.getMessage().contains("has segments but no log.id"), error.getMessage());
    }

    @Test
    void large_records_read_back_whole_across_chunk_boundaries() {
        byte[] big = new byte[SegmentScanner.CHUNK_BYTES * 3 / 2];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (FileEventLog log = new FileEventLog(directory)) {
            for (int i = 0; i < 5; i++) {
                log.append(List.of(event(i), new LogRecord(LogRecord.Kind.EVENT, "web", big)));
            }
            log.append(List.of(event(99))).join();

            List<LogEntry> entries = readAll(log, LogPosition.START);

            assertEquals(11, entries.size());
            assertArrayEquals(big, entries.get(9).record().json());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
