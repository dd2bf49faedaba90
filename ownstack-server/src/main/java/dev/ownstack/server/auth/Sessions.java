package dev.ownstack.server.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in sessions, held in memory: a restart of the server signs everyone out. A session ends
 * when idle for longer than {@code idleTimeout}, when older than {@code maxAge}, at sign-out, or
 * when its user is disabled or their password reset. Session ids are 256-bit random values kept
 * only as their SHA-256, so a heap dump holds no usable cookie. Thread-safe.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session; {@code id} is the cookie's value, known only to the session's creator. */
    public record Session(String id, String user, String csrfToken, Instant createdAt, Instant lastSeenAt) {
        public Session {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        }

        @Override
        public String toString() {
            return "Session[user=" + user + ", createdAt=" + createdAt + "]";
        }
    }

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Clock clock;

    public Sessions(Duration idleTimeout, Duration maxAge, Clock clock) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Session create(String user) {
        Instant now = clock.instant();
        Session session = new Session(random(), user, random(), now, now);
        byHash.put(hash(session.id()), session);
        if (byHash.size() % 1024 == 0) {
            byHash.values().removeIf(s -> expired(s, now));
        }
        return session;
    }

    /** The live session with this id, its idle time restarted; empty (and forgotten) when it expired. */
    public Optional<Session> find(String id) {
        String key = hash(id);
        Session session = byHash.get(key);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            byHash.remove(key, session);
            return Optional.empty();
        }
        Session seen = new Session(session.id(), session.user(), session.csrfToken(), session.createdAt(), now);
        byHash.replace(key, session, seen);
        return Optional.of(seen);
    }

    public void end(String id) {
        byHash.remove(hash(id));
    }

    /** Ends every session of the user. */
    public void endAll(String user) {
        byHash.values().removeIf(session -> session.user().equals(user));
    }

    /** The longest a session can live, for the cookie's Max-Age. */
    public Duration maxAge() {
        return maxAge;
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastSeenAt().plus(idleTimeout)) || !now.isBefore(session.createdAt().plus(maxAge));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        return HexFormat.of().formatHex(KeyToken.sha256(id));
    }
}
