package dev.ownstack.core.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code alerts:} section: where the server posts a signed JSON message when a sync run fails
 * or stops for approval.
 *
 * @param webhook the http or https URL that receives the message
 * @param secret  the key of the {@code webhook-signature} header (Standard Webhooks, HMAC-SHA256);
 *                without it the message is sent unsigned
 */
public record AlertsConfig(URI webhook, Optional<Secret> secret) {
    public AlertsConfig {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(secret, "secret");
    }
}
