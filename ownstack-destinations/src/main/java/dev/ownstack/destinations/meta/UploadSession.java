package dev.ownstack.destinations.meta;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code session} of a run's upload calls to one edge: a client-chosen {@code session_id},
 * the same for every batch of the run, and {@code batch_seq} from 1 in the order batches are
 * first sent; a retried batch keeps its number
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#session).
 * Thread-safe.
 */
final class UploadSession {
    private final long id;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Integer> byBatch = new ConcurrentHashMap<>();

    UploadSession(long id) {
        this.id = id;
    }

    /** A session id for the run and edge: positive, at most 2^53 so that any JSON reader keeps it exact. */
    static UploadSession of(String sync, long runId, String startedAt, String edge) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((sync + "\n" + runId + "\n" + startedAt + "\n" + edge).getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 8; i++) {
                id = (id << 8) | (digest[i] & 0xff);
            }
            id &= (1L << 53) - 1;
            return new UploadSession(id == 0 ? 1 : id);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    long id() {
        return id;
    }

    /** The batch's {@code batch_seq}: the next number on its first send, the same on a retry. */
    int sequence(String batchId) {
        return byBatch.computeIfAbsent(batchId, batch -> sequence.incrementAndGet());
    }

    /** The {@code session} parameter. */
    Map<String, Object> parameter(int batchSequence, boolean last, Optional<Long> estimatedTotal) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("session_id", id);
        session.put("batch_seq", batchSequence);
        session.put("last_batch_flag", last);
        estimatedTotal.ifPresent(total -> session.put("estimated_num_total", total));
        return session;
    }
}
