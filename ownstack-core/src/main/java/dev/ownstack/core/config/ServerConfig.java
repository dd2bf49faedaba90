package dev.ownstack.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code server:} section: where {@code ownstack serve} listens, the API keys its REST API
 * accepts as admin keys (as {@code Authorization: Bearer KEY}; local users have keys of their own),
 * the proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers are believed,
 * and how long a sign-in session lasts: it ends after {@code sessionIdleTimeout} without a request
 * and {@code sessionMaxAge} after sign-in in any case.
 */
public record ServerConfig(String bind, int port, List<Secret> apiKeys, List<String> trustedProxies, Duration sessionIdleTimeout,
                           Duration sessionMaxAge) {
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SESSION_MAX_AGE = Duration.ofHours(12);
    public static final ServerConfig DEFAULT = new ServerConfig("0.0.0.0", DEFAULT_PORT, List.of(), List.of());

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        apiKeys = List.copyOf(apiKeys);
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
        Objects.requireNonNull(sessionMaxAge, "sessionMaxAge");
    }

    /** A server section with the default session timeouts. */
    public ServerConfig(String bind, int port, List<Secret> apiKeys, List<String> trustedProxies) {
        this(bind, port, apiKeys, trustedProxies, DEFAULT_SESSION_IDLE_TIMEOUT, DEFAULT_SESSION_MAX_AGE);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bind, newPort, apiKeys, trustedProxies, sessionIdleTimeout, sessionMaxAge);
    }

    public ServerConfig withBind(String newBind) {
        return new ServerConfig(newBind, port, apiKeys, trustedProxies, sessionIdleTimeout, sessionMaxAge);
    }
}
