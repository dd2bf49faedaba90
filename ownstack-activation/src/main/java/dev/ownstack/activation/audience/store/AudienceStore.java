package dev.ownstack.activation.audience.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceJson;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audiences of a project: those of {@code ownstack.yml} (read-only here; changing one is a
 * CONFLICT saying to edit the file) and those created through the API, kept in
 * {@code ownstack.audiences}. A definition is saved only when it compiles against the catalog,
 * references included. An audience of {@code ownstack.yml} shadows a saved one of the same name.
 *
 * <p>Works on the warehouse it is given, one call at a time (not thread-safe); every change is one
 * transaction. Deleting an audience deletes its history ({@code ownstack.audience_runs} and
 * {@code ownstack.audience_members}) with it.
 */
public final class AudienceStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    private final Map<String, AudienceDefinition> configured;
    private final Clock clock;
    private final SqlDialect dialect;

    /**
     * @param configured the audiences of {@code ownstack.yml}, by name
     * @param clock      gives {@code created_at} and {@code updated_at}
     */
    public AudienceStore(Warehouse warehouse, Map<String, AudienceDefinition> configured, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.configured = new LinkedHashMap<>(configured);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialect = warehouse.dialect();
    }

    /** Every audience: those of {@code ownstack.yml} in file order, then the saved ones by name. */
    public List<StoredAudience> list() {
        List<StoredAudience> all = new ArrayList<>();
        configured.values().forEach(definition -> all.add(StoredAudience.configured(definition)));
        for (StoredAudience saved : readSaved(Optional.empty())) {
            if (!configured.containsKey(saved.name())) {
                all.add(saved);
            }
        }
        return all;
    }

    public Optional<StoredAudience> find(String name) {
        if (configured.containsKey(name)) {
            return Optional.of(StoredAudience.configured(configured.get(name)));
        }
        List<StoredAudience> saved = readSaved(Optional.of(name));
        return saved.stream().findFirst();
    }

    /** The audience, or NOT_FOUND naming it. */
    public StoredAudience get(String name) {
        return find(name).orElseThrow(() -> notFound(name));
    }

    /** The definition by name, for compilers resolving references to other audiences. */
    public Optional<AudienceDefinition> definition(String name) {
        return find(name).map(StoredAudience::definition);
    }

    /** A compiler that resolves references through this store. */
    public AudienceCompiler compiler(CompileContext context) {
        return context.compiler(this::definition);
    }

    /** Compiles the definition as it would be saved: INPUT_INVALID with every problem and its rule path. */
    public CompiledAudience validate(AudienceDefinition definition, CompileContext context) {
        return compiler(context).compile(definition);
    }

    /**
     * Saves a new audience once it compiles. CONFLICT when the name is taken (by {@code ownstack.yml}
     * or by a saved audience).
     */
    public StoredAudience create(AudienceDefinition definition, AudienceOrigin origin, CompileContext context) {
        if (origin.isConfig()) {
            throw new IllegalArgumentException("audiences of ownstack.yml are not saved in the warehouse");
        }
        String name = definition.name();
        refuseConfigured(name, "create");
        validate(definition, context);
        Instant now = now();
        AudienceTables.ensureAudiences(warehouse);
        return warehouse.inTransaction(tx -> {
            if (!selectSaved(tx, Optional.of(name)).isEmpty()) {
                throw new OwnstackException(ErrorCode.CONFLICT, "audience \"" + name + "\" already exists; update it instead");
            }
            tx.execute("INSERT INTO " + dialect.table(AudienceTables.AUDIENCES) + " (" + columns() + ") VALUES (?, ?, ?, ?, ?)",
                    name, json(definition), origin.text(), utc(now), utc(now));
            return StoredAudience.saved(definition, origin, now, now);
        });
    }

    /** Replaces a saved audience's definition once it compiles; keeps its origin and creation time. */
    public StoredAudience update(AudienceDefinition definition, CompileContext context) {
        String name = definition.name();
        refuseConfigured(name, "change");
        StoredAudience existing = get(name);
        validate(definition, context);
        Instant now = now();
        long updated = warehouse.execute("UPDATE " + dialect.table(AudienceTables.AUDIENCES) + " SET " + dialect.quote("definition")
                + " = ?, " + dialect.quote("updated_at") + " = ? WHERE " + dialect.quote("name") + " = ?", json(definition), utc(now), name);
        if (updated == 0) {
            throw notFound(name);
        }
        return StoredAudience.saved(definition, existing.origin(), existing.createdAt().orElseThrow(), now);
    }

    /**
     * Deletes a saved audience and its history. CONFLICT when it is defined in {@code ownstack.yml}
     * or another audience refers to it (naming them).
     */
    public void delete(String name) {
        refuseConfigured(name, "delete");
        get(name);
        List<String> users = list().stream().filter(other -> !other.name().equals(name))
                .filter(other -> other.definition().rule().referencedAudiences().contains(name)).map(StoredAudience::name).toList();
        if (!users.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFLICT, "audience \"" + name + "\" is used by "
                    + users.stream().map(user -> "\"" + user + "\"").collect(Collectors.joining(", "))
                    + "; remove it from " + (users.size() == 1 ? "that audience's rule" : "their rules") + " first");
        }
        warehouse.inTransaction(tx -> {
            tx.execute("DELETE FROM " + dialect.table(AudienceTables.AUDIENCES) + " WHERE " + dialect.quote("name") + " = ?", name);
            for (TableName history : List.of(AudienceTables.RUNS, AudienceTables.MEMBERS)) {
                if (AudienceTables.exists(tx, history)) {
                    tx.execute("DELETE FROM " + dialect.table(history) + " WHERE " + dialect.quote("audience") + " = ?", name);
                }
            }
            return null;
        });
    }

    private void refuseConfigured(String name, String action) {
        if (configured.containsKey(name)) {
            throw new OwnstackException(ErrorCode.CONFLICT, "audience \"" + name + "\" is defined in ownstack.yml (audiences." + name
                    + "); " + action + " it there, not through the API");
        }
    }

    private List<StoredAudience> readSaved(Optional<String> name) {
        if (!AudienceTables.exists(warehouse, AudienceTables.AUDIENCES)) {
            return List.of();
        }
        return selectSaved(warehouse, name);
    }

    private List<StoredAudience> selectSaved(Warehouse on, Optional<String> name) {
        String sql = "SELECT " + columns() + " FROM " + dialect.table(AudienceTables.AUDIENCES)
                + (name.isPresent() ? " WHERE " + dialect.quote("name") + " = ?" : "") + " ORDER BY " + dialect.quote("name");
        List<StoredAudience> saved = new ArrayList<>();
        for (Object[] row : on.queryAll(sql, name.map(List::<Object>of).orElse(List.of()).toArray()).rows()) {
            String rowName = (String) row[0];
            AudienceDefinition definition;
            try {
                definition = AudienceParser.parseDefinition(rowName, JSON.readTree((String) row[1]));
            } catch (JsonProcessingException | OwnstackException e) {
                throw new OwnstackException(ErrorCode.INTERNAL, "the definition of audience \"" + rowName + "\" in "
                        + AudienceTables.AUDIENCES + " cannot be read: " + e.getMessage(), e);
            }
            saved.add(StoredAudience.saved(definition, new AudienceOrigin((String) row[2]), instant(row[3]), instant(row[4])));
        }
        return saved;
    }

    private String columns() {
        return AudienceTables.AUDIENCE_COLUMNS.stream().map(column -> dialect.quote(column.name())).collect(Collectors.joining(", "));
    }

    private static String json(AudienceDefinition definition) {
        return AudienceJson.writeBody(definition).toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        return ((OffsetDateTime) value).toInstant();
    }

    private OwnstackException notFound(String name) {
        List<String> names = list().stream().map(StoredAudience::name).toList();
        return new OwnstackException(ErrorCode.NOT_FOUND, "unknown audience \"" + name + "\"; "
                + (names.isEmpty() ? "there are none yet" : "there are " + names.stream().limit(20).map(n -> "\"" + n + "\"")
                .collect(Collectors.joining(", ")) + (names.size() > 20 ? " and " + (names.size() - 20) + " more" : "")));
    }
}
