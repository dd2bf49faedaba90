package dev.ownstack.ingest.events;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a {@link FileEventLog}'s directory: {@code log.id} and the segments, each named by
 * the global byte offset of its first record ({@code 00000000000000000000.log}). Thread-safe: the
 * writer adds segments, the loader releases them, readers look them up.
 */
final class LogSegments {
    static final String ID_FILE = "log.id";
    private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{20}\\.log");

    private final Path directory;
    private final NavigableMap<Long, Path> segments = new ConcurrentSkipListMap<>();

    private LogSegments(Path directory) {
        this.directory = directory;
    }

    /** Opens the directory (creating it, its id and a first segment when missing) and lists its segments. */
    static LogSegments open(Path directory) {
        LogSegments files = new LogSegments(directory);
        try {
            Files.createDirectories(directory);
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(path -> SEGMENT_NAME.matcher(path.getFileName().toString()).matches())
                        .forEach(path -> files.segments.put(startOf(path), path));
            }
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot open event log directory " + directory + ": " + e.getMessage(), e);
        }
        return files;
    }

    Path directory() {
        return directory;
    }

    /**
     * The log's identity from {@code log.id}, created with the log. A log that has segments but no
     * id is refused: a new id would make the loader start again from the beginning.
     */
    String readOrCreateId() {
        Path file = directory.resolve(ID_FILE);
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                return UUID.fromString(text).toString();
            }
            if (!segments.isEmpty()) {
                throw new OwnstackException(ErrorCode.IO_FAILED, "event log directory " + directory + " has segments but no "
                        + ID_FILE + "; restore the file, or move the directory away to start an empty log");
            }
            String id = UUID.randomUUID().toString();
            Path temporary = directory.resolve(ID_FILE + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            return id;
        } catch (IllegalArgumentException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "event log id file " + file + " does not hold a UUID", e);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot read or create event log id " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates the segment starting at {@code start} and makes its name durable. */
    Path create(long start) throws IOException {
        Path path = directory.resolve(String.format("%020d.log", start));
        Files.newByteChannel(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
        syncDirectory();
        segments.put(start, path);
        return path;
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    Map.Entry<Long, Path> last() {
        return segments.lastEntry();
    }

    long firstStart() {
        Long first = segments.isEmpty() ? null : segments.firstKey();
        return first == null ? 0 : first;
    }

    /** The segment holding {@code offset} (the last one starting at or before it), or null. */
    Map.Entry<Long, Path> holding(long offset) {
        return segments.floorEntry(offset);
    }

    /** The first segment starting after {@code start}, or null. */
    Map.Entry<Long, Path> after(long start) {
        return segments.higherEntry(start);
    }

    /**
     * Deletes the segments that end at or before {@code offset}, never the last (active) one.
     * Returns the deleted files.
     */
    List<Path> deleteBefore(long offset) throws IOException {
        List<Path> deleted = new ArrayList<>();
        while (true) {
            Map.Entry<Long, Path> first = segments.firstEntry();
            Map.Entry<Long, Path> next = first == null ? null : segments.higherEntry(first.getKey());
            if (next == null || next.getKey() > offset) {
                break;
            }
            segments.remove(first.getKey());
            Files.deleteIfExists(first.getValue());
            deleted.add(first.getValue());
        }
        if (!deleted.isEmpty()) {
            syncDirectory();
        }
        return deleted;
    }

    /** Makes creations and removals of files in the directory durable. */
    void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static long startOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }
}
