package dev.ownstack.ingest.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ownstack.core.config.CollectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaLogSettingsTest {

    @Test
    void the_pending_limit_holds_four_of_the_largest_requests() {
        CollectorConfig defaults = CollectorConfig.defaults(Path.of("project"));
        assertEquals(KafkaLogSettings.DEFAULTS, KafkaLogSettings.forCollector(defaults));

        CollectorConfig large = new CollectorConfig(defaults.logDirectory(), defaults.loadInterval(), defaults.loadBatchEvents(),
                defaults.dedupWindow(), defaults.maxEventBytes(), 64 << 20, defaults.maxBatchEvents(), defaults.maxBacklogBytes(),
                defaults.kafka());
        assertEquals(256L << 20, KafkaLogSettings.forCollector(large).maxPendingBytes());
    }

    @Test
    void rejects_settings_that_could_never_work() {
        assertThrows(IllegalArgumentException.class, () -> new KafkaLogSettings(0, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new KafkaLogSettings(1, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new KafkaLogSettings(1, 1, Duration.ZERO));
    }
}
