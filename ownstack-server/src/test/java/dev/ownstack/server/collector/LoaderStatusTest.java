package dev.ownstack.server.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ownstack.ingest.events.EventLoader;
import dev.ownstack.server.RecordingEventLog;
import dev.ownstack.warehouse.duckdb.DuckDbWarehouse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoaderStatusTest {
    private final RecordingEventLog log = new RecordingEventLog();
    private final EventLoader loader = new EventLoader(log, DuckDbWarehouse::inMemory,
            new EventLoader.Options(Duration.ofSeconds(1), 100, Duration.ofHours(1)), Clock.systemUTC());

    @Test
    void reads_the_backlog_once_per_refresh_interval() {
        LoaderStatus status = LoaderStatus.of(loader, Duration.ofHours(1));
        log.backlog(5);
        assertEquals(5, status.backlogBytes());
        log.backlog(9);
        assertEquals(5, status.backlogBytes(), "within the interval the last value stands");
    }

    @Test
    void reads_the_backlog_every_time_without_an_interval() {
        LoaderStatus status = LoaderStatus.of(loader, Duration.ZERO);
        log.backlog(5);
        assertEquals(5, status.backlogBytes());
        log.backlog(9);
        assertEquals(9, status.backlogBytes());
    }
}
