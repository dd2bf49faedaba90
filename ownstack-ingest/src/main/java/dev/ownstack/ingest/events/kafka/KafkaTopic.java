package dev.ownstack.ingest.events.kafka;

import dev.ownstack.core.config.CollectorConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Finds the log's topic, or creates it: {@link KafkaLogSettings#partitions()} partitions,
 * replicated to three brokers (fewer on a smaller cluster), and {@code min.insync.replicas=2}
 * where there are three replicas, so that an acknowledged record is on two brokers at least.
 */
final class KafkaTopic {
    private static final short MAX_REPLICATION = 3;

    private final CollectorConfig.Kafka kafka;
    private final KafkaLogSettings settings;
    private final Admin admin;

    KafkaTopic(CollectorConfig.Kafka kafka, KafkaLogSettings settings, Admin admin) {
        this.kafka = kafka;
        this.settings = settings;
        this.admin = admin;
    }

    /** The topic's partitions, once the topic exists and each partition has a leader. */
    List<TopicPartition> ensureExists() {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        boolean created = false;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(kafka.topic())).topicNameValues()
                        .get(kafka.topic()).get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                List<TopicPartition> partitions = new ArrayList<>();
                boolean led = true;
                for (TopicPartitionInfo partition : description.partitions()) {
                    partitions.add(new TopicPartition(kafka.topic(), partition.partition()));
                    led &= partition.leader() != null && !partition.leader().isEmpty();
                }
                // A just created topic is described before its partitions have leaders; records
                // sent then would wait in the producer for its next metadata refresh.
                if (led) {
                    return partitions;
                }
                if (remainingMillis(deadline) <= 0) {
                    throw failure("find a leader for every partition of", new TimeoutException());
                }
                pause();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe", e.getCause());
                }
                if (!created) {
                    create();
                    created = true;
                } else if (remainingMillis(deadline) <= 0) {
                    throw failure("find the just created", e.getCause());
                } else {
                    pause();
                }
            } catch (TimeoutException e) {
                throw failure("describe", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("describe", e);
            }
        }
    }

    private void create() {
        int brokers = await(admin.describeCluster().nodes(), settings,
                "list the brokers of Kafka at " + kafka.bootstrapServers()).size();
        short replication = (short) Math.min(MAX_REPLICATION, brokers);
        NewTopic topic = new NewTopic(kafka.topic(), settings.partitions(), replication)
                .configs(Map.of("min.insync.replicas", String.valueOf(replication >= 3 ? 2 : 1)));
        try {
            admin.createTopics(List.of(topic)).all().get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("create", e.getCause());
            }
        } catch (TimeoutException e) {
            throw failure("create", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("create", e);
        }
    }

    /** Waits until the producer knows the topic's leaders, so that the first append does not wait for them. */
    void awaitMetadata(Producer<byte[], byte[]> producer) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            try {
                producer.partitionsFor(kafka.topic());
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (remainingMillis(deadline) <= 0) {
                    throw failure("read the leaders of", e);
                }
            }
        }
    }

    /** The value of an admin call, or {@code IO_FAILED} naming what was being done. */
    static <T> T await(KafkaFuture<T> future, KafkaLogSettings settings, String doing) {
        try {
            return future.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot " + doing + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new OwnstackException(ErrorCode.IO_FAILED, "cannot " + doing + ": no answer within " + settings.timeoutMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OwnstackException(ErrorCode.IO_FAILED, "interrupted while trying to " + doing, e);
        }
    }

    private OwnstackException failure(String doing, Throwable cause) {
        String reason = cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                ? "no answer within " + settings.timeoutMillis() + " ms" : String.valueOf(cause.getMessage());
        return new OwnstackException(ErrorCode.IO_FAILED, "cannot " + doing + " Kafka topic " + kafka.topic() + " at "
                + kafka.bootstrapServers() + ": " + reason, cause);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
