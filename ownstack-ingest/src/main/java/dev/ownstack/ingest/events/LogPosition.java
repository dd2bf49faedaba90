package dev.ownstack.ingest.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * A position in an {@link EventLog}: for each partition, the offset of the next record to read.
 * The local file log has one partition (0) with byte offsets; Kafka has its topic's partitions and
 * their offsets. A partition not in the map starts at 0.
 */
public record LogPosition(Map<Integer, Long> offsets) {
    public static final LogPosition START = new LogPosition(Map.of());

    public LogPosition {
        offsets = Map.copyOf(offsets);
    }

    public long offset(int partition) {
        return offsets.getOrDefault(partition, 0L);
    }

    /** This position moved to {@code nextOffset} in one partition. */
    public LogPosition with(int partition, long nextOffset) {
        Map<Integer, Long> copy = new TreeMap<>(offsets);
        copy.put(partition, nextOffset);
        return new LogPosition(copy);
    }

    @Override
    public String toString() {
        return new TreeMap<>(offsets).toString();
    }
}
