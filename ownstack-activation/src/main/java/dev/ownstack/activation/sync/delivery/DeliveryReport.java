package dev.ownstack.activation.sync.delivery;

import dev.ownstack.activation.destination.DestinationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Sender#send} did.
 *
 * @param records   records passed to the sender
 * @param requests  batches written to the destination, retries included
 * @param retries   batches (or records) sent again after a retryable failure; throttling waits not included
 * @param throttled times the destination asked to slow down (429, Retry-After, vendor codes)
 * @param waited    total time spent waiting for the rate limit and for Retry-After
 * @param stoppedBy the failure that stopped the delivery before every record was sent (an
 *                  authentication failure, or an outage that outlasted the retries)
 */
public record DeliveryReport(long records, long requests, long retries, long throttled, Duration waited, Optional<DestinationException> stoppedBy) {
    public DeliveryReport {
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
    }
}
