package dev.ownstack.server.auth;

import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The users and API keys the server authenticates requests against: read from the warehouse at
 * most every {@link #REFRESH} (so that a change made with the CLI while the server runs takes
 * effect within that time) and at once after a change made through the API. Also records when a
 * key was last used, at most once a minute per key. Thread-safe.
 */
public final class Directory {
    public static final Duration REFRESH = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(Directory.class.getName());
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private record Snapshot(Map<String, User> users, Map<String, UserStore.StoredKey> keys, Instant readAt) {
    }

    private final Supplier<Warehouse> warehouses;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Map<String, Instant> touched = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;

    public Directory(Supplier<Warehouse> warehouses, PasswordHasher hasher, Clock clock) {
        this.warehouses = warehouses;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Works on the users with a connection of its own, then re-reads the directory. */
    public <T> T change(Function<UserStore, T> work) {
        try (Warehouse warehouse = warehouses.get()) {
            return work.apply(new UserStore(warehouse, hasher));
        } finally {
            generation.incrementAndGet();
            snapshot = null;
        }
    }

    /** Reads the users with a connection of its own. */
    public <T> T read(Function<UserStore, T> work) {
        try (Warehouse warehouse = warehouses.get()) {
            return work.apply(new UserStore(warehouse, hasher));
        }
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(current().users().get(name));
    }

    public boolean hasUsers() {
        return !current().users().isEmpty();
    }

    public Optional<UserStore.StoredKey> key(String id) {
        return Optional.ofNullable(current().keys().get(id));
    }

    /** Notes that the key was used now; writes {@code last_used_at} when the last write is a minute old. */
    public void used(String keyId) {
        Instant now = clock.instant();
        Instant last = touched.get(keyId);
        if (last != null && now.isBefore(last.plus(TOUCH_EVERY))) {
            return;
        }
        touched.put(keyId, now);
        try {
            read(store -> {
                store.touchKey(keyId, now);
                return null;
            });
        } catch (OwnstackException e) {
            // bookkeeping only: the request the key authenticates goes on; the next use a minute on writes it
            LOG.log(System.Logger.Level.WARNING, "could not record the use of API key osk_" + keyId + ": " + e.getMessage());
        }
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen != null && now.isBefore(seen.readAt().plus(REFRESH)) && !now.isBefore(seen.readAt())) {
            return seen;
        }
        long before = generation.get();
        Snapshot read = read(store -> new Snapshot(store.list().stream().collect(Collectors.toMap(User::name, user -> user)),
                store.allKeys().stream().collect(Collectors.toMap(key -> key.key().id(), key -> key)), now));
        if (generation.get() == before) {
            // a change made while reading would otherwise be hidden until the next refresh
            snapshot = read;
        }
        return read;
    }
}
