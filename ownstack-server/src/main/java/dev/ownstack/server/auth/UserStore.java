package dev.ownstack.server.auth;

import static dev.ownstack.server.auth.AuthTables.instant;
import static dev.ownstack.server.auth.AuthTables.utc;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Local users and their API keys in {@code ownstack.users} and {@code ownstack.api_keys}, on one
 * warehouse connection: what the CLI's {@code ownstack user} and the server's users API change.
 * Passwords and keys are taken in clear and stored only hashed. Not thread-safe (a warehouse
 * connection is one caller's).
 */
public final class UserStore {
    private static final String USER_SELECT = "name, role, created_at, disabled, password_hash";
    private static final String KEY_SELECT = "id, user_name, prefix, created_at, last_used_at, revoked_at, key_hash";

    /** A user with the hash of the password, for sign-in. */
    public record Stored(User user, String passwordHash) {
    }

    /** A key with its stored hash, for authenticating requests. */
    public record StoredKey(ApiKey key, String keyHash) {
    }

    private final Warehouse warehouse;
    private final SqlDialect dialect;
    private final PasswordHasher hasher;

    public UserStore(Warehouse warehouse, PasswordHasher hasher) {
        this.warehouse = warehouse;
        this.dialect = warehouse.dialect();
        this.hasher = hasher;
    }

    /** @throws OwnstackException CONFLICT when the name is taken; INPUT_INVALID for a bad name or a weak password */
    public User add(String name, Role role, String password, Instant at) {
        User user = new User(User.checkName(name), role, at, false);
        PasswordHasher.checkStrength(password);
        String hash = hasher.hash(password);
        AuthTables.ensure(warehouse);
        warehouse.inTransaction(tx -> {
            if (!tx.queryAll("SELECT " + q("name") + " FROM " + table(AuthTables.USERS) + " WHERE " + q("name") + " = ?", name).rows().isEmpty()) {
                throw new OwnstackException(ErrorCode.CONFLICT, "a user named '" + name + "' already exists");
            }
            return tx.execute("INSERT INTO " + table(AuthTables.USERS) + " (" + cols(USER_SELECT) + ") VALUES (?, ?, ?, ?, ?)", name, role.label(),
                    utc(at), false, hash);
        });
        return user;
    }

    public List<User> list() {
        return stored("").stream().map(Stored::user).toList();
    }

    public Optional<Stored> find(String name) {
        return stored(" WHERE " + q("name") + " = ?", name).stream().findFirst();
    }

    /** @throws OwnstackException NOT_FOUND naming the users there are */
    public User get(String name) {
        return find(name).map(Stored::user).orElseThrow(() -> notFound(name));
    }

    public User setRole(String name, Role role) {
        update(name, q("role") + " = ?", role.label());
        return get(name);
    }

    /** Disables (or enables again) a user: a disabled user cannot sign in and their keys are refused. */
    public User setDisabled(String name, boolean disabled) {
        update(name, q("disabled") + " = ?", disabled);
        return get(name);
    }

    public void setPassword(String name, String password) {
        PasswordHasher.checkStrength(password);
        update(name, q("password_hash") + " = ?", hasher.hash(password));
    }

    /** A new key for an enabled user; the only time its text is known. */
    public KeyToken createKey(String user, Instant at) {
        if (get(user).disabled()) {
            throw new OwnstackException(ErrorCode.CONFLICT, "user '" + user + "' is disabled; enable the user before giving them a key");
        }
        KeyToken token = KeyToken.generate();
        warehouse.execute("INSERT INTO " + table(AuthTables.API_KEYS) + " (" + cols("id, user_name, key_hash, prefix, created_at") + ") VALUES (?, ?, ?, ?, ?)",
                token.id(), user, token.hash(), token.prefix(), utc(at));
        return token;
    }

    /** The user's keys, newest first, revoked ones included. */
    public List<ApiKey> keys(String user) {
        get(user);
        return storedKeys(" WHERE " + q("user_name") + " = ? ORDER BY " + q("created_at") + " DESC", user).stream().map(StoredKey::key).toList();
    }

    /** Every key of every user, for the server's cache. */
    public List<StoredKey> allKeys() {
        return storedKeys("");
    }

    /** Revokes the user's key (by id or prefix); revoking a revoked key changes nothing. */
    public ApiKey revokeKey(String user, String idOrPrefix, Instant at) {
        String id = idOrPrefix.startsWith("osk_") ? idOrPrefix.substring(4) : idOrPrefix;
        ApiKey key = keys(user).stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow(() -> new OwnstackException(ErrorCode.NOT_FOUND,
                "user '" + user + "' has no API key '" + idOrPrefix + "'; their keys: " + keys(user).stream().map(ApiKey::prefix)
                        .collect(Collectors.joining(", "))));
        warehouse.execute("UPDATE " + table(AuthTables.API_KEYS) + " SET " + q("revoked_at") + " = ? WHERE " + q("id") + " = ? AND "
                + q("revoked_at") + " IS NULL", utc(at), id);
        return storedKeys(" WHERE " + q("id") + " = ?", id).get(0).key();
    }

    public void touchKey(String id, Instant at) {
        warehouse.execute("UPDATE " + table(AuthTables.API_KEYS) + " SET " + q("last_used_at") + " = ? WHERE " + q("id") + " = ?", utc(at), id);
    }

    private void update(String name, String assignment, Object value) {
        get(name);
        warehouse.execute("UPDATE " + table(AuthTables.USERS) + " SET " + assignment + " WHERE " + q("name") + " = ?", value, name);
    }

    private List<Stored> stored(String where, Object... parameters) {
        if (!AuthTables.exists(warehouse, AuthTables.USERS)) {
            return List.of();
        }
        List<Stored> users = new ArrayList<>();
        for (Object[] row : warehouse.queryAll("SELECT " + cols(USER_SELECT) + " FROM " + table(AuthTables.USERS) + where
                + (where.isEmpty() ? " ORDER BY " + q("name") : ""), parameters).rows()) {
            users.add(new Stored(new User((String) row[0], Role.parse((String) row[1]), instant(row[2]), Boolean.TRUE.equals(row[3])),
                    (String) row[4]));
        }
        return users;
    }

    private List<StoredKey> storedKeys(String where, Object... parameters) {
        if (!AuthTables.exists(warehouse, AuthTables.API_KEYS)) {
            return List.of();
        }
        List<StoredKey> keys = new ArrayList<>();
        for (Object[] row : warehouse.queryAll("SELECT " + cols(KEY_SELECT) + " FROM " + table(AuthTables.API_KEYS) + where, parameters).rows()) {
            keys.add(new StoredKey(new ApiKey((String) row[0], (String) row[1], (String) row[2], instant(row[3]),
                    Optional.ofNullable(row[4]).map(AuthTables::instant), Optional.ofNullable(row[5]).map(AuthTables::instant)), (String) row[6]));
        }
        return keys;
    }

    private OwnstackException notFound(String name) {
        List<User> users = list();
        return new OwnstackException(ErrorCode.NOT_FOUND, "no user named '" + name + "'; " + (users.isEmpty()
                ? "there are none yet (add one with: ownstack user add NAME --role admin)"
                : "users: " + users.stream().map(User::name).collect(Collectors.joining(", "))));
    }

    private String table(TableName table) {
        return dialect.table(table);
    }

    private String q(String column) {
        return dialect.quote(column);
    }

    private String cols(String names) {
        return java.util.Arrays.stream(names.split(",")).map(String::trim).map(this::q).collect(Collectors.joining(", "));
    }
}
