package dev.ownstack.destinations.kafka;

import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.contract.DestinationContract;
import dev.ownstack.activation.destination.contract.DestinationProbe;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The destination contract on an in-process Kafka cluster, a fresh topic per test, read back as
 * a compacted topic's consumer sees it. Removals are written as {@code {"removed":true}} here;
 * {@link KafkaDestinationIT} covers tombstones.
 */
class KafkaContractIT extends DestinationContract {
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static KafkaTestCluster cluster;
    private String topic;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void createTopic() throws Exception {
        topic = "contract-" + TOPICS.incrementAndGet();
        cluster.createTopic(topic, 3);
    }

    @Override
    protected DestinationFactory factory() {
        return new KafkaDestinationFactory();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("bootstrap-servers", cluster.bootstrapServers(), "topic", topic, "remove-as", "flag");
    }

    /** A port nothing listens on. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Map.of("bootstrap-servers", "127.0.0.1:" + socket.getLocalPort(), "topic", topic, "timeout-seconds", 2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected DestinationProbe probe() {
        return () -> TopicReader.latest(cluster.bootstrapServers(), topic);
    }
}
