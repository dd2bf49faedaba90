package dev.ownstack.destinations.file;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.SyncRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run's records on local disk until the run finishes: one file of upserted and one of removed
 * records (a JSON object per line), and a log of the batches spooled with the length of each file
 * after them. A batch is on disk (forced) before its id is logged, and a batch id already logged
 * is not spooled again, so a run that resumes after a crash and resends a batch spools it once;
 * bytes after the last logged batch are cut off when the spool is reopened. Thread-safe.
 */
final class Spool implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private final Path folder;
    private final FileChannel upserts;
    private final FileChannel removes;
    private final FileChannel log;
    private final Set<String> batches = new HashSet<>();
    private long upsertLength;
    private long removeLength;
    private long logLength;

    private Spool(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
        this.upserts = channel(folder.resolve("upsert.jsonl"));
        this.removes = channel(folder.resolve("remove.jsonl"));
        this.log = channel(folder.resolve("batches.jsonl"));
        recover();
    }

    /** Opens the spool in {@code folder}, keeping the batches a previous attempt of the run spooled. */
    static Spool open(Path folder) {
        try {
            return new Spool(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool folder " + folder, e);
        }
    }

    /** Spools the batch's records; false when this batch was spooled before (then nothing is written). */
    synchronized boolean append(RecordBatch batch) throws IOException {
        if (batches.contains(batch.id())) {
            return false;
        }
        // bytes of a batch whose write failed half-way are dropped before the next one
        upserts.truncate(upsertLength);
        removes.truncate(removeLength);
        log.truncate(logLength);
        FileChannel channel = batch.operation() == Operation.REMOVE ? removes : upserts;
        StringBuilder lines = new StringBuilder();
        for (SyncRecord record : batch.records()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("key", record.key());
            line.put("fields", Values.normal(record.fields()));
            lines.append(JSON.writeValueAsString(line)).append('\n');
        }
        writeFully(channel, lines.toString());
        channel.force(false);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("batch", batch.id());
        entry.put("upsert", upserts.size());
        entry.put("remove", removes.size());
        writeFully(log, JSON.writeValueAsString(entry) + "\n");
        log.force(false);
        batches.add(batch.id());
        upsertLength = upserts.size();
        removeLength = removes.size();
        logLength = log.size();
        return true;
    }

    /** The spooled records of the operation (UPSERT or REMOVE), in the order spooled. */
    Stream<SyncRecord> records(Operation operation) throws IOException {
        Path file = folder.resolve(operation == Operation.REMOVE ? "remove.jsonl" : "upsert.jsonl");
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        return reader.lines().map(Spool::record).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A local scratch folder beside the spool for files about to be published. */
    Path scratch() throws IOException {
        return Files.createDirectories(folder.resolve("out"));
    }

    /** Removes the spool: the run was published. */
    void delete() throws IOException {
        close();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            upserts.close();
            removes.close();
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the spool in " + folder, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static SyncRecord record(String line) {
        try {
            Map<String, Object> parsed = JSON.readValue(line, Map.class);
            return new SyncRecord((String) parsed.get("key"), (Map<String, Object>) parsed.get("fields"));
        } catch (IOException e) {
            throw new UncheckedIOException("a spooled record cannot be read: " + line, e);
        }
    }

    /** Keeps the batches logged in full and cuts the record files back to their length after the last of them. */
    @SuppressWarnings("unchecked")
    private void recover() throws IOException {
        byte[] bytes = Files.readAllBytes(folder.resolve("batches.jsonl"));
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                Map<String, Object> entry = JSON.readValue(new String(bytes, start, i - start, StandardCharsets.UTF_8), Map.class);
                batches.add((String) entry.get("batch"));
                upsertLength = ((Number) entry.get("upsert")).longValue();
                removeLength = ((Number) entry.get("remove")).longValue();
                start = i + 1;
                logLength = start;
            }
        }
        log.truncate(logLength);
        upserts.truncate(upsertLength);
        removes.truncate(removeLength);
    }

    private static FileChannel channel(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(channel.size());
        return channel;
    }

    private static void writeFully(FileChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        channel.position(channel.size());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
