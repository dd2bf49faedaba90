package dev.ownstack.core.config.syncs;

import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.error.OwnstackException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code destinations:} and {@code syncs:} sections of {@code ownstack.yml}. Every
 * problem goes to the shared {@link ConfigProblems} with its path ({@code syncs.vip.mode: must be
 * one of ...}); definitions with problems are left out. A destination's settings are checked later
 * against its type's spec, by the activation layer that knows the connectors.
 */
public final class SyncParser {
    private static final Map<String, SyncMode> MODES = modes();
    private static final Map<String, String> TRIGGERS = triggers();

    private SyncParser() {
    }

    /** The {@code destinations:} section: name → {@code {type: ..., setting: value, ...}}. */
    public static Map<String, DestinationDefinition> readDestinations(Map<String, ConfigNode> section, Path projectDirectory) {
        Map<String, DestinationDefinition> destinations = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : section.entrySet()) {
            ConfigNode node = entry.getValue();
            int before = node.problems().problems().size();
            if (!DestinationDefinition.NAME.matcher(entry.getKey()).matches()) {
                node.problems().add(node.path(), "destination name '" + entry.getKey()
                        + "' must use letters, digits, _ and -, start with a letter and be at most 63 characters");
            }
            if (!node.isObject()) {
                node.problems().add(node.path(), "must be a mapping with at least 'type', such as {type: webhook, url: ...}");
                continue;
            }
            Optional<String> type = node.requiredString("type");
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String key : node.keys()) {
                if (!key.equals("type")) {
                    node.setting(key).ifPresent(value -> settings.put(key, value));
                }
            }
            if (type.isPresent() && node.problems().problems().size() == before) {
                destinations.put(entry.getKey(), new DestinationDefinition(entry.getKey(), type.get(), settings, projectDirectory));
            }
        }
        return destinations;
    }

    /**
     * The {@code syncs:} section.
     *
     * @param destinations the destination names a sync may name
     * @param audiences    the audiences defined in the file; a sync of another audience gets a note
     *                     (it may have been created over the REST API)
     */
    public static Map<String, SyncDefinition> readSyncs(Map<String, ConfigNode> section, Set<String> destinations, Set<String> audiences) {
        Map<String, SyncDefinition> syncs = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : section.entrySet()) {
            readSync(entry.getKey(), entry.getValue(), destinations, audiences).ifPresent(sync -> syncs.put(sync.name(), sync));
        }
        return syncs;
    }

    private static Optional<SyncDefinition> readSync(String name, ConfigNode node, Set<String> destinations, Set<String> audiences) {
        ConfigProblems problems = node.problems();
        int before = problems.problems().size();
        if (!SyncDefinition.NAME.matcher(name).matches()) {
            problems.add(node.path(), "sync name '" + name + "' must use letters, digits, _ and -, start with a letter"
                    + " and be at most 63 characters");
        }
        if (!node.isObject()) {
            problems.add(node.path(), "must be a mapping with at least source, destination, identifier and mapping");
            return Optional.empty();
        }
        Optional<SyncSource> source = readSource(node, audiences);
        Optional<String> destination = node.requiredString("destination");
        destination.filter(d -> !destinations.contains(d)).ifPresent(d -> problems.add(node.path() + ".destination",
                "unknown destination '" + d + "'; " + (destinations.isEmpty() ? "define it under destinations:"
                        : "defined: " + String.join(", ", destinations))));
        Optional<String> identifier = node.requiredString("identifier");
        Map<String, String> mapping = new LinkedHashMap<>();
        if (!node.has("mapping")) {
            problems.add(node.path() + ".mapping", "is required: destination field → source column, such as {email: email}");
        }
        for (Map.Entry<String, ConfigNode> field : node.entries("mapping").entrySet()) {
            field.getValue().asString().ifPresent(column -> {
                if (column.isBlank()) {
                    problems.add(field.getValue().path(), "must name a source column");
                } else {
                    mapping.put(field.getKey(), column);
                }
            });
        }
        SyncMode mode = node.choice("mode", MODES).orElse(SyncMode.UPSERT);
        SyncTrigger trigger = readTrigger(node);
        SyncGuardrails guardrails = readGuardrails(node.object("guardrails"));
        Duration retryWindow = node.duration("retry-window", SyncDefinition.DEFAULT_RETRY_WINDOW, Duration.ZERO);
        node.finish();
        if (problems.problems().size() != before || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SyncDefinition(name, source.get(), destination.orElseThrow(), identifier.orElseThrow(), mapping, mode,
                trigger, guardrails, retryWindow));
    }

    private static Optional<SyncSource> readSource(ConfigNode sync, Set<String> audiences) {
        String shape = "must be {audience: NAME} or {query: \"select ... from model.customers\"}";
        if (!sync.has("source")) {
            sync.raw("source");
            sync.problems().add(sync.path() + ".source", "is required: " + shape.substring("must be ".length()));
            return Optional.empty();
        }
        ConfigNode node = sync.object("source");
        if (!node.isObject()) {
            return Optional.empty();
        }
        boolean hasAudience = node.has("audience");
        boolean hasQuery = node.has("query");
        Optional<SyncSource> source = Optional.empty();
        if (hasAudience == hasQuery) {
            node.problems().add(node.path(), shape + " (exactly one of the two)");
            node.raw("audience");
            node.raw("query");
        } else if (hasAudience) {
            source = node.requiredString("audience").map(audience -> {
                if (!audiences.contains(audience)) {
                    node.problems().note(node.path() + ".audience", "audience '" + audience + "' is not defined in this file;"
                            + " it must exist in the warehouse when the sync runs");
                }
                return new SyncSource.Audience(audience);
            });
        } else {
            source = node.requiredString("query").map(SyncSource.Query::new);
        }
        node.finish();
        return source;
    }

    private static SyncTrigger readTrigger(ConfigNode node) {
        Optional<String> schedule = node.string("schedule");
        Optional<String> trigger = node.choice("trigger", TRIGGERS);
        if (schedule.isPresent() && trigger.isPresent()) {
            node.problems().add(node.path() + ".trigger", "give either schedule (a cron expression) or trigger, not both");
            return new SyncTrigger.Manual();
        }
        if (schedule.isPresent()) {
            try {
                return new SyncTrigger.Cron(CronExpression.parse(schedule.get()).toString());
            } catch (OwnstackException e) {
                node.problems().add(node.path() + ".schedule", e.getMessage());
                return new SyncTrigger.Manual();
            }
        }
        return trigger.filter("after-build"::equals).<SyncTrigger>map(t -> new SyncTrigger.AfterBuild()).orElse(new SyncTrigger.Manual());
    }

    private static SyncGuardrails readGuardrails(ConfigNode node) {
        double share = node.number("max-change-share", SyncGuardrails.DEFAULT.maxChangeShare(), 0, 1);
        boolean allowEmpty = node.bool("allow-empty-source", SyncGuardrails.DEFAULT.allowEmptySource());
        node.finish();
        return new SyncGuardrails(share, allowEmpty);
    }

    private static Map<String, String> triggers() {
        Map<String, String> triggers = new LinkedHashMap<>();
        triggers.put("after-build", "after-build");
        triggers.put("manual", "manual");
        return triggers;
    }

    private static Map<String, SyncMode> modes() {
        Map<String, SyncMode> modes = new LinkedHashMap<>();
        for (SyncMode mode : SyncMode.values()) {
            modes.put(mode.configName(), mode);
        }
        return modes;
    }
}
