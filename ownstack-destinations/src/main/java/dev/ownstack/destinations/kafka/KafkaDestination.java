package dev.ownstack.destinations.kafka;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Writes each record of a batch to the topic, keyed by the sync identifier, with an idempotent
 * producer and {@code acks=all}, and waits for every acknowledgement before answering. The
 * topic must exist: the destination never creates it. Thread-safe: one producer, created on the
 * first batch, serves every thread of the sync engine.
 */
final class KafkaDestination implements Destination {
    private final KafkaSettings settings;
    private Producer<byte[], byte[]> producer;

    KafkaDestination(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public CheckResult check() {
        try {
            TopicDescription topic = describe();
            return CheckResult.ok(settings.where() + " exists with " + topic.partitions().size() + " partitions");
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        Producer<byte[], byte[]> producer = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (SyncRecord record : batch.records()) {
            try {
                sent.add(producer.send(KafkaValue.of(settings, batch, record)));
            } catch (KafkaException e) {
                sent.add(CompletableFuture.failedFuture(e));
            }
        }
        List<RecordResult> results = new ArrayList<>(batch.size());
        Throwable retriable = null;
        for (int i = 0; i < sent.size(); i++) {
            String key = batch.records().get(i).key();
            Throwable failure = acknowledgement(sent.get(i));
            if (failure == null) {
                results.add(RecordResult.accepted(key));
                continue;
            }
            if (failure instanceof AuthenticationException || failure instanceof AuthorizationException) {
                throw new DestinationException(ErrorClass.AUTH, settings.where() + " refused the write: " + failure.getMessage(),
                        Optional.empty(), failure);
            }
            ErrorClass errorClass = classify(failure);
            if (errorClass == ErrorClass.RETRYABLE && retriable == null) {
                retriable = failure;
            }
            results.add(RecordResult.rejected(key, errorClass, failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        }
        if (retriable != null && results.stream().noneMatch(RecordResult::accepted)
                && results.stream().allMatch(result -> result.errorClass().orElseThrow() == ErrorClass.RETRYABLE)) {
            // Nothing got through (a broker down, a partition without leader): one failure of the batch, not one per record.
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot write to " + settings.where() + ": " + retriable.getMessage(),
                    Optional.empty(), retriable);
        }
        return new BatchResult(results);
    }

    /**
     * A record the cluster refused for what it is (too large, invalid) fails for good; anything
     * else (no leader, not enough replicas, a timeout, a client in trouble) may pass on a retry.
     */
    private static ErrorClass classify(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException || failure instanceof SerializationException
                ? ErrorClass.PERMANENT : ErrorClass.RETRYABLE;
    }

    /** Null once the record is acknowledged, else why not. */
    private Throwable acknowledgement(Future<RecordMetadata> future) {
        try {
            // delivery.timeout.ms ends every send before this; the margin only guards against a stuck client.
            future.get(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new org.apache.kafka.common.errors.TimeoutException("no acknowledgement within " + settings.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            describe();
            try {
                producer = new KafkaProducer<>(KafkaProperties.producer(settings));
            } catch (KafkaException e) {
                throw new DestinationException(ErrorClass.RETRYABLE, "cannot start a producer for " + settings.where() + ": "
                        + e.getMessage(), Optional.empty(), e);
            }
        }
        return producer;
    }

    /**
     * The topic, read with an admin client (which, unlike a producer's metadata request, never
     * makes a broker create a missing topic).
     */
    private TopicDescription describe() {
        try (Admin admin = Admin.create(KafkaProperties.admin(settings))) {
            return admin.describeTopics(List.of(settings.topic())).topicNameValues().get(settings.topic())
                    .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new DestinationException(ErrorClass.RETRYABLE, settings.where() + " does not exist: create it (the destination"
                        + " never creates topics)", Optional.empty(), cause);
            }
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new DestinationException(ErrorClass.AUTH, settings.where() + " refused to describe the topic: " + cause.getMessage(),
                        Optional.empty(), cause);
            }
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot describe " + settings.where() + ": " + cause.getMessage(),
                    Optional.empty(), cause);
        } catch (TimeoutException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, settings.where() + " did not answer within "
                    + settings.timeout().toSeconds() + " s", Optional.empty(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DestinationException(ErrorClass.RETRYABLE, "interrupted while describing " + settings.where(), Optional.empty(), e);
        } catch (KafkaException e) {
            throw new DestinationException(ErrorClass.RETRYABLE, "cannot connect to " + settings.where() + ": " + e.getMessage(),
                    Optional.empty(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(settings.timeout());
            producer = null;
        }
    }
}
