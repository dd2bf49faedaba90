package dev.ownstack.activation.destination.contract;

import java.util.Map;

/**
 * Makes a live fake fail the way its vendor documents, so the contract can check how the
 * connector reports each failure. Every vendor connector (any category but {@code DATA})
 * supplies one.
 */
public interface DestinationFaults {
    /**
     * The next request that writes records is throttled exactly as the vendor does it (a 429
     * with {@code Retry-After}, a rate-limit code inside a 400 or a 200, ...); later requests
     * succeed again.
     */
    void throttleNextWrite();

    /**
     * The credential the connector now holds expires, answered as the vendor answers an expired
     * token. A connector that can renew it (OAuth refresh) is expected to do so.
     */
    void expireCredentials();

    /**
     * Fields for the record {@code key} that the vendor (or the connector, before sending)
     * rejects on their own while the rest of the batch is accepted, such as an email address
     * that is not one.
     */
    Map<String, Object> invalidFields(String key);
}
