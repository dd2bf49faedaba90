package dev.ownstack.core.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code server:} section: where {@code ownstack serve} listens, the API keys its REST API
 * accepts (as {@code Authorization: Bearer KEY}), and the proxies whose {@code X-Forwarded-For}
 * header is believed. Without API keys the REST API refuses every call.
 */
public record ServerConfig(String bind, int port, List<Secret> apiKeys, List<String> trustedProxies) {
    public static final int DEFAULT_PORT = 8080;
    public static final ServerConfig DEFAULT = new ServerConfig("0.0.0.0", DEFAULT_PORT, List.of(), List.of());

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        apiKeys = List.copyOf(apiKeys);
        trustedProxies = List.copyOf(trustedProxies);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bind, newPort, apiKeys, trustedProxies);
    }
}
