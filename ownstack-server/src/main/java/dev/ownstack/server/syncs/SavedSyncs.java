package dev.ownstack.server.syncs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.audience.store.AudienceStore;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.SyncTables;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncParser;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.syncs.SavedSyncStore.SavedDestination;
import dev.ownstack.server.syncs.SavedSyncStore.SavedSync;
import dev.ownstack.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads, checks and saves the destinations and syncs created through the API. A body has the
 * shape of one entry of {@code ownstack.yml} and is read by the same parser and spec, so it gets
 * the same problems with the same paths ({@code destinations.crm.url: required (...)}). Entries of
 * {@code ownstack.yml} are read-only here. Secret settings are sealed with {@link SecretBox}; a
 * secret left out (or empty) of an update keeps the saved one. API-saved syncs send an audience
 * (a query source belongs in the file), and API-saved local paths stay inside the project's
 * folder. Thread-safe (holds no state between calls).
 */
final class SavedSyncs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectConfig config;
    private final Destinations types;
    private final SecretBox box;
    private final Clock clock;
    private final Function<String, Optional<String>> environment;

    SavedSyncs(ProjectConfig config, Destinations types, SecretBox box, Clock clock, Function<String, Optional<String>> environment) {
        this.config = Objects.requireNonNull(config, "config");
        this.types = Objects.requireNonNull(types, "types");
        this.box = Objects.requireNonNull(box, "box");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** The setup of {@code ownstack.yml} with the saved destinations and syncs added. */
    SyncSetup load(Warehouse warehouse) {
        SavedSyncStore store = new SavedSyncStore(warehouse);
        Map<String, DestinationDefinition> destinations = new LinkedHashMap<>(config.destinations());
        Map<String, SyncDefinition> syncs = new LinkedHashMap<>(config.syncs());
        Set<String> savedDestinations = new HashSet<>();
        Set<String> savedSyncs = new HashSet<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (SavedDestination saved : store.destinations()) {
            if (destinations.containsKey(saved.name())) {
                continue;
            }
            ConfigProblems found = new ConfigProblems("ownstack." + SavedSyncStore.DESTINATIONS.name());
            ObjectNode settings = saved.settings().deepCopy();
            try {
                settings.setAll(secrets(saved));
            } catch (OwnstackException e) {
                found.add("destinations." + saved.name(), e.getMessage());
            }
            destinations.put(saved.name(), definition(saved.name(), saved.type(), settings, found));
            savedDestinations.add(saved.name());
            if (!found.problems().isEmpty()) {
                problems.put("destinations." + saved.name(), found.problems());
            }
        }
        for (SavedSync saved : store.syncs()) {
            if (syncs.containsKey(saved.name())) {
                continue;
            }
            ConfigProblems found = new ConfigProblems("ownstack." + SavedSyncStore.SYNCS.name());
            Map<String, SyncDefinition> read = SyncParser.readSyncs(Map.of(saved.name(), node(saved.definition(), "syncs." + saved.name(), found)),
                    destinations.keySet(), Set.of());
            savedSyncs.add(saved.name());
            read.values().forEach(sync -> syncs.put(sync.name(), sync));
            if (!found.problems().isEmpty()) {
                problems.put("syncs." + saved.name(), found.problems());
            }
        }
        return new SyncSetup(syncs, destinations, savedSyncs, savedDestinations, problems);
    }

    /**
     * Checks and saves a destination. {@code body} is {@code {"type": ..., "settings": {...}}}
     * (a {@code name} in it must be {@code name}).
     *
     * @param create true for a new one: CONFLICT when the name is taken; false to replace a saved one
     */
    DestinationDefinition saveDestination(Warehouse warehouse, SyncSetup setup, String name, JsonNode body, boolean create, String actor) {
        refuseConfigured(config.destinations().containsKey(name), "destinations", name);
        SavedSyncStore store = new SavedSyncStore(warehouse);
        Optional<SavedDestination> existing = store.destinations().stream().filter(d -> d.name().equals(name)).findFirst();
        if (create && existing.isPresent()) {
            throw new OwnstackException(ErrorCode.CONFLICT, "destination '" + name + "' already exists; change it with PUT /api/destinations/" + name);
        }
        if (!create && existing.isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no saved destination named '" + name + "'; create it with POST /api/destinations");
        }
        Unsaved unsaved = unsaved(name, body, existing);
        DestinationDefinition definition = checked(unsaved);
        Instant now = SavedSyncStore.now(clock);
        store.put(new SavedDestination(name, unsaved.type, unsaved.plain, unsaved.secrets.isEmpty() ? "" : box.seal(unsaved.secrets.toString()),
                existing.map(SavedDestination::createdAt).orElse(now), now, actor));
        return definition;
    }

    /** The definition of an unsaved destination, checked as {@link #saveDestination} checks it; secrets left out are those saved under {@code name}. */
    DestinationDefinition unsavedDestination(Warehouse warehouse, String name, JsonNode body) {
        Optional<SavedDestination> existing = new SavedSyncStore(warehouse).destinations().stream().filter(d -> d.name().equals(name)).findFirst();
        return checked(unsaved(name, body, existing));
    }

    /** Deletes a saved destination: CONFLICT while a sync writes to it or when it is defined in {@code ownstack.yml}. */
    void deleteDestination(Warehouse warehouse, SyncSetup setup, String name) {
        refuseConfigured(config.destinations().containsKey(name), "destinations", name);
        List<String> users = setup.syncs().values().stream().filter(sync -> sync.destination().equals(name)).map(SyncDefinition::name).toList();
        if (!users.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFLICT, "destination '" + name + "' is used by sync" + (users.size() == 1 ? " " : "s ")
                    + String.join(", ", users) + "; delete or change " + (users.size() == 1 ? "it" : "them") + " first");
        }
        if (!new SavedSyncStore(warehouse).delete(SavedSyncStore.DESTINATIONS, name)) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no saved destination named '" + name + "'");
        }
    }

    /** Checks and saves a sync; {@code body} has the shape of one entry of {@code syncs:} (a {@code name} in it must be {@code name}). */
    SyncDefinition saveSync(Warehouse warehouse, SyncSetup setup, String name, JsonNode body, boolean create, String actor) {
        refuseConfigured(config.syncs().containsKey(name), "syncs", name);
        SavedSyncStore store = new SavedSyncStore(warehouse);
        Optional<SavedSync> existing = store.syncs().stream().filter(s -> s.name().equals(name)).findFirst();
        if (create && existing.isPresent()) {
            throw new OwnstackException(ErrorCode.CONFLICT, "sync '" + name + "' already exists; change it with PUT /api/syncs/" + name);
        }
        if (!create && existing.isEmpty()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no saved sync named '" + name + "'; create it with POST /api/syncs");
        }
        ObjectNode definition = withoutName(name, body, "syncs");
        String path = "syncs." + name;
        if (definition.path("source").has("query")) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, path + ".source.query: a sync saved through the API sends an audience"
                    + " ({\"audience\": NAME}); a sync of a query belongs in ownstack.yml");
        }
        ConfigProblems problems = new ConfigProblems("request");
        Map<String, SyncDefinition> read = SyncParser.readSyncs(Map.of(name, node(definition, path, problems)), setup.destinations().keySet(),
                Set.of());
        throwIfAny(problems, "sync '" + name + "'");
        SyncDefinition sync = read.get(name);
        String audience = definition.path("source").path("audience").asText();
        AudienceStore audiences = new AudienceStore(warehouse, config.audiences(), clock);
        if (audiences.find(audience).isEmpty()) {
            List<String> names = audiences.list().stream().map(StoredAudience::name).limit(20).toList();
            throw new OwnstackException(ErrorCode.INPUT_INVALID, path + ".source.audience: unknown audience '" + audience + "'; "
                    + (names.isEmpty() ? "there are none yet" : "there are " + String.join(", ", names)));
        }
        Instant now = SavedSyncStore.now(clock);
        store.put(new SavedSync(name, definition, existing.map(SavedSync::createdAt).orElse(now), now, actor));
        return sync;
    }

    /** Deletes a saved sync with what it remembers of the records it sent ({@code sync_state}, {@code sync_errors}); its run history stays. */
    void deleteSync(Warehouse warehouse, String name) {
        refuseConfigured(config.syncs().containsKey(name), "syncs", name);
        warehouse.inTransaction(tx -> {
            if (!new SavedSyncStore(tx).delete(SavedSyncStore.SYNCS, name)) {
                throw new OwnstackException(ErrorCode.NOT_FOUND, "no saved sync named '" + name + "'");
            }
            for (var table : List.of(SyncTables.STATE, SyncTables.ERRORS)) {
                if (tx.describe(table).isPresent()) {
                    tx.execute("DELETE FROM " + tx.dialect().table(table) + " WHERE " + tx.dialect().quote("sync") + " = ?", name);
                }
            }
            return null;
        });
    }

    /** A destination as the request gives it: its type, the settings without secrets, and the secrets (kept ones added). */
    private record Unsaved(String name, String type, ObjectNode plain, ObjectNode secrets) {
    }

    private Unsaved unsaved(String name, JsonNode body, Optional<SavedDestination> existing) {
        ObjectNode request = withoutName(name, body, "destinations");
        String path = "destinations." + name;
        for (String key : keys(request)) {
            if (!key.equals("type") && !key.equals("settings")) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, path + "." + key + ": unknown field; a destination is {\"type\": ..., \"settings\": {...}}");
            }
        }
        JsonNode typeNode = request.path("type");
        if (!typeNode.isTextual() || typeNode.asText().isBlank()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, path + ".type: required: one of " + typeNames());
        }
        String type = typeNode.asText();
        DestinationFactory factory = types.all().stream().filter(f -> f.type().equals(type)).findFirst()
                .orElseThrow(() -> new OwnstackException(ErrorCode.INPUT_INVALID, path + ".type: unknown destination type '" + type
                        + "'; one of " + typeNames()));
        JsonNode settings = request.path("settings");
        if (!settings.isMissingNode() && !settings.isObject()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, path + ".settings: must be an object of setting → value");
        }
        ObjectNode plain = JSON.createObjectNode();
        ObjectNode secrets = JSON.createObjectNode();
        Set<String> secretNames = new HashSet<>();
        factory.spec().fields().stream().filter(ConfigField::secret).forEach(field -> secretNames.add(field.name()));
        settings.fields().forEachRemaining(entry -> {
            boolean blank = entry.getValue().isNull() || (entry.getValue().isTextual() && entry.getValue().asText().isEmpty());
            if (!secretNames.contains(entry.getKey())) {
                plain.set(entry.getKey(), entry.getValue());
            } else if (!blank) {
                secrets.set(entry.getKey(), entry.getValue());
            }
        });
        existing.filter(saved -> saved.type().equals(type)).ifPresent(saved -> secrets(saved).fields().forEachRemaining(entry -> {
            if (!secrets.has(entry.getKey())) {
                secrets.set(entry.getKey(), entry.getValue());
            }
        }));
        return new Unsaved(name, type, plain, secrets);
    }

    /** The definition read as {@code ownstack.yml} would read it, then checked against the type's spec; INPUT_INVALID with every problem. */
    private DestinationDefinition checked(Unsaved unsaved) {
        ObjectNode settings = unsaved.plain.deepCopy();
        settings.setAll(unsaved.secrets);
        ConfigProblems problems = new ConfigProblems("request");
        DestinationDefinition definition = definition(unsaved.name, unsaved.type, settings, problems);
        throwIfAny(problems, "destination '" + unsaved.name + "'");
        DestinationFactory factory = types.factory(unsaved.type);
        try {
            factory.spec().validate(definition);
        } catch (OwnstackException e) {
            List<String> lines = List.of(e.getMessage().split("\n"));
            throw new OwnstackException(ErrorCode.INPUT_INVALID, lines.get(0).replaceAll(":$", ""),
                    lines.subList(1, lines.size()).stream().map(String::strip).toList(), null);
        }
        Path project = config.directory().toAbsolutePath().normalize();
        for (ConfigField field : factory.spec().fields()) {
            Object value = definition.settings().get(field.name());
            if (field.type() == ConfigField.Type.LOCAL_PATH && value instanceof String text
                    && !project.resolve(text).toAbsolutePath().normalize().startsWith(project)) {
                throw new OwnstackException(ErrorCode.INPUT_INVALID, "destinations." + unsaved.name + "." + field.name()
                        + ": a destination saved through the API writes inside the project's folder (" + project + "), got '" + text + "'");
            }
        }
        return definition;
    }

    /** Reads the settings as {@code SyncParser.readDestinations} does, but keeps the definition when a value has a problem. */
    private DestinationDefinition definition(String name, String type, ObjectNode settings, ConfigProblems problems) {
        ConfigNode node = node(settings, "destinations." + name, problems);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : node.keys()) {
            node.setting(key).ifPresent(value -> values.put(key, value));
        }
        return new DestinationDefinition(name, type, values, config.directory());
    }

    private ObjectNode secrets(SavedDestination saved) {
        if (saved.secrets().isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return (ObjectNode) JSON.readTree(box.open(saved.secrets()));
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "the secrets of destination '" + saved.name() + "' are not a JSON object", e);
        }
    }

    private ConfigNode node(JsonNode tree, String path, ConfigProblems problems) {
        return new ConfigNode(tree, path, problems, environment);
    }

    private static ObjectNode withoutName(String name, JsonNode body, String section) {
        if (!(body instanceof ObjectNode object)) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "the request body must be a JSON object");
        }
        ObjectNode copy = object.deepCopy();
        JsonNode given = copy.remove("name");
        if (given != null && !given.asText().equals(name)) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, section + "." + name + ".name: must be '" + name + "' (the name in the path),"
                    + " got '" + given.asText() + "'");
        }
        return copy;
    }

    private static List<String> keys(ObjectNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private String typeNames() {
        return String.join(", ", types.all().stream().map(DestinationFactory::type).toList());
    }

    private static void refuseConfigured(boolean configured, String section, String name) {
        if (configured) {
            throw new OwnstackException(ErrorCode.CONFLICT, section.substring(0, section.length() - 1) + " '" + name + "' is defined in ownstack.yml ("
                    + section + "." + name + "); change it there, not through the API");
        }
    }

    private static void throwIfAny(ConfigProblems problems, String what) {
        if (!problems.problems().isEmpty()) {
            int count = problems.problems().size();
            throw new OwnstackException(ErrorCode.INPUT_INVALID, what + " has " + count + (count == 1 ? " problem" : " problems"),
                    problems.problems(), null);
        }
    }
}
