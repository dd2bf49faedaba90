package dev.ownstack.activation.sync.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RunInfo;
import dev.ownstack.activation.destination.testing.FixedDestinationFactory;
import dev.ownstack.activation.sync.DestinationHandle;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendersTest {
    static final Capabilities CAPABILITIES = new Capabilities(Set.of(Operation.UPSERT), 10, 0, 2, Optional.empty(), false);

    static FixedDestinationFactory factory(String type, Destination destination) {
        return new FixedDestinationFactory(type, destination, CAPABILITIES);
    }

    @Test
    void opens_each_destination_once_for_every_sync() {
        FixedDestinationFactory factory = factory("memory", new RecordingDestination());
        try (Senders senders = new Senders(new Destinations(List.of(factory)), DeliveryPolicy.DEFAULT)) {
            DestinationHandle first = senders.open(new DestinationDefinition("crm", "memory", Map.of()));
            DestinationHandle second = senders.open(new DestinationDefinition("crm", "memory", Map.of()));
            DestinationHandle other = senders.open(new DestinationDefinition("ads", "memory", Map.of()));
            assertSame(first.sender(), second.sender());
            assertTrue(first.sender() != other.sender(), "another destination has a sender of its own");
            assertEquals(10, first.capabilities().maxBatchRecords());
        }
        assertEquals(2, factory.opened());
    }

    @Test
    void refuses_a_destination_name_reopened_with_other_settings() {
        FixedDestinationFactory factory = factory("memory", new RecordingDestination());
        try (Senders senders = new Senders(new Destinations(List.of(factory)), DeliveryPolicy.DEFAULT)) {
            senders.open(new DestinationDefinition("crm", "memory", Map.of()));
            OwnstackException thrown = assertThrows(OwnstackException.class,
                    () -> senders.open(new DestinationDefinition("crm", "other", Map.of())));
            assertTrue(thrown.getMessage().startsWith("destination crm is already open with other settings"), thrown.getMessage());
        }
    }

    @Test
    void a_released_destination_is_opened_again_with_its_new_settings() {
        FixedDestinationFactory factory = factory("memory", new RecordingDestination());
        try (Senders senders = new Senders(new Destinations(List.of(factory)), DeliveryPolicy.DEFAULT)) {
            DestinationHandle before = senders.open(new DestinationDefinition("crm", "memory", Map.of()));
            senders.release("crm");
            senders.release("never-opened");
            // Another definition of the name (read from another folder): refused while open, opened anew once released.
            DestinationHandle after = senders.open(new DestinationDefinition("crm", "memory", Map.of(), java.nio.file.Path.of("elsewhere")));
            assertTrue(before.sender() != after.sender(), "a new sender after the release");
        }
        assertEquals(2, factory.opened());
    }

    @Test
    void a_stuck_destination_does_not_delay_another() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingDestination stuck = new RecordingDestination((batch, call) -> {
            release.await();
            return BatchResult.allAccepted(batch);
        });
        RecordingDestination fast = new RecordingDestination();
        Destinations types = new Destinations(List.of(factory("stuck", stuck), factory("fast", fast)));
        try (Senders senders = new Senders(types, DeliveryPolicy.DEFAULT)) {
            DestinationHandle slow = senders.open(new DestinationDefinition("warehouse-export", "stuck", Map.of()));
            DestinationHandle quick = senders.open(new DestinationDefinition("crm", "fast", Map.of()));
            RecordingListener slowListener = new RecordingListener();
            Thread slowSync = new Thread(() -> slow.sender().send(new RunInfo("slow", 1, DestinationSenderTest.RUN.startedAt()),
                    Operation.UPSERT, DestinationSenderTest.records(200).iterator(), slowListener));
            slowSync.start();
            while (stuck.writes().size() < 2) {
                Thread.sleep(1);
            }
            RecordingListener quickListener = new RecordingListener();
            DeliveryReport report = quick.sender().send(DestinationSenderTest.RUN, Operation.UPSERT,
                    DestinationSenderTest.records(200).iterator(), quickListener);
            assertEquals(20, report.requests());
            assertTrue(quickListener.reportedEachOnce(DestinationSenderTest.records(200)));
            assertEquals(2, stuck.writes().size(), "the stuck destination is still on its first two writes");
            assertEquals(0, slowListener.accepted.size());
            release.countDown();
            slowSync.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(slowListener.reportedEachOnce(DestinationSenderTest.records(200)));
        }
    }
}
