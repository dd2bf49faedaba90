package dev.ownstack.activation.destination;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the destination did with one record of a batch.
 *
 * @param key           the record's key
 * @param accepted      whether the destination took the record
 * @param errorClass    why not, when not accepted
 * @param message       the destination's own words for the rejection (its error code and
 *                      message), empty when accepted
 * @param destinationId the destination's id for the record, when it returns one (kept for later
 *                      updates and removals)
 * @param retryAfter    for a throttled record, how long the destination asked to wait
 */
public record RecordResult(String key, boolean accepted, Optional<ErrorClass> errorClass, String message, Optional<String> destinationId,
                           Optional<Duration> retryAfter) {
    public RecordResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(destinationId, "destinationId");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (accepted == errorClass.isPresent()) {
            throw new IllegalArgumentException("record " + key + ": an accepted record has no error class, a rejected one has one");
        }
    }

    public static RecordResult accepted(String key) {
        return new RecordResult(key, true, Optional.empty(), "", Optional.empty(), Optional.empty());
    }

    public static RecordResult accepted(String key, String destinationId) {
        return new RecordResult(key, true, Optional.empty(), "", Optional.of(destinationId), Optional.empty());
    }

    public static RecordResult rejected(String key, ErrorClass errorClass, String message) {
        return new RecordResult(key, false, Optional.of(errorClass), message, Optional.empty(), Optional.empty());
    }
}
