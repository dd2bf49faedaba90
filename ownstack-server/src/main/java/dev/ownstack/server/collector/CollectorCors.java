package dev.ownstack.server.collector;

import dev.ownstack.core.config.SourceConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * CORS for the collector's paths. Which origins a source admits is known only once its write key
 * is, so a preflight is admitted when any event source allows the origin, and the POST's answer
 * carries {@code Access-Control-Allow-Origin} only when the request's own source allows it.
 * Credentials are never allowed: write keys travel in headers or bodies, not cookies.
 */
public final class CollectorCors {
    private final List<SourceConfig.Events> sources;

    public CollectorCors(List<SourceConfig.Events> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Answers an OPTIONS request. */
    public void preflight(Context context) {
        context.header("Vary", "Origin");
        String origin = context.header("Origin");
        if (origin != null && sources.stream().anyMatch(source -> source.allowsOrigin(origin))) {
            context.header("Access-Control-Allow-Origin", origin);
            context.header("Access-Control-Allow-Methods", "POST, OPTIONS");
            String requested = context.header("Access-Control-Request-Headers");
            if (requested != null && !requested.isBlank()) {
                context.header("Access-Control-Allow-Headers", requested);
            }
            context.header("Access-Control-Max-Age", "86400");
        }
        context.status(204);
    }

    /** The {@code Access-Control-Allow-Origin} of a POST whose source is known: its {@code Origin} when the source allows it. */
    public static Optional<String> allowedOrigin(String origin, SourceConfig.Events source) {
        return origin != null && source.allowsOrigin(origin) ? Optional.of(origin) : Optional.empty();
    }
}
