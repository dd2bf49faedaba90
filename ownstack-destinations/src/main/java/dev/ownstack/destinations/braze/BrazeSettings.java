package dev.ownstack.destinations.braze;

import dev.ownstack.destinations.http.VendorUrls;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Braze destination's settings, checked beyond their types.
 *
 * @param name                the destination's name (for messages)
 * @param restEndpoint        the workspace's REST endpoint, such as {@code https://rest.iad-01.braze.com}, without a path
 * @param apiKey              the REST API key, sent as {@code Authorization: Bearer}; never printed
 * @param identifier          which Braze identifier the record key is
 * @param aliasLabel          the {@code alias_label} of the user aliases, when the identifier is {@link Identifier#USER_ALIAS}
 * @param audienceAttribute   the custom attribute that marks membership for every sync, when pinned; otherwise one per sync
 * @param subscriptionGroupId the subscription group members are put in, if any
 * @param subscriptionState   the state members get in that group
 * @param batchSize           attributes objects per request: 75, or 50 on Braze's Monthly Active Users CY 24-25 plans
 * @param concurrency         requests in flight at once
 * @param timeout             how long one request may take
 */
record BrazeSettings(String name, URI restEndpoint, Secret apiKey, Identifier identifier, Optional<String> aliasLabel,
                     Optional<String> audienceAttribute, Optional<String> subscriptionGroupId, SubscriptionState subscriptionState,
                     int batchSize, int concurrency, Duration timeout) {
    static final String API_KEY = "api-key";
    static final String REST_ENDPOINT = "rest-endpoint";
    static final String IDENTIFIER = "identifier";
    static final String ALIAS_LABEL = "alias-label";
    static final String AUDIENCE_ATTRIBUTE = "audience-attribute";
    static final String SUBSCRIPTION_GROUP_ID = "subscription-group-id";
    static final String SUBSCRIPTION_STATE = "subscription-state";
    static final String BATCH_SIZE = "batch-size";
    static final String CONCURRENCY = "concurrency";
    static final String TIMEOUT_SECONDS = "timeout-seconds";

    /** Braze custom attribute keys: no leading {@code $} (reserved by Braze), at most 255 characters. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[^$\\s][^\\s]{0,254}");

    /** The Braze user identifiers a record key can be (https://www.braze.com/docs/api/objects_filters/user_attributes_object/). */
    enum Identifier {
        EXTERNAL_ID("external_id"), EMAIL("email"), USER_ALIAS("user_alias");

        private final String configName;

        Identifier(String configName) {
            this.configName = configName;
        }

        String configName() {
            return configName;
        }

        static List<String> configNames() {
            return List.of(EXTERNAL_ID.configName, EMAIL.configName, USER_ALIAS.configName);
        }

        static Identifier of(String configName) {
            for (Identifier identifier : values()) {
                if (identifier.configName.equals(configName)) {
                    return identifier;
                }
            }
            throw new IllegalArgumentException("unknown identifier " + configName);
        }
    }

    /** A subscription group state, as Braze names it. */
    enum SubscriptionState {
        SUBSCRIBED, UNSUBSCRIBED;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    BrazeSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(restEndpoint, "restEndpoint");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(aliasLabel, "aliasLabel");
        Objects.requireNonNull(audienceAttribute, "audienceAttribute");
        Objects.requireNonNull(subscriptionGroupId, "subscriptionGroupId");
        Objects.requireNonNull(subscriptionState, "subscriptionState");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static BrazeSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        URI endpoint = endpoint(settings.string(REST_ENDPOINT), prefix, problems);
        Secret apiKey = settings.secret(API_KEY);
        if (apiKey.reveal().isBlank()) {
            problems.add(prefix + API_KEY + ": must not be empty");
        }
        Identifier identifier = Identifier.of(settings.string(IDENTIFIER));
        Optional<String> aliasLabel = settings.optionalString(ALIAS_LABEL).map(String::trim);
        if (identifier == Identifier.USER_ALIAS && aliasLabel.filter(label -> !label.isEmpty()).isEmpty()) {
            problems.add(prefix + ALIAS_LABEL + ": required when " + IDENTIFIER + " is user_alias (the alias_label of the users' aliases)");
        }
        if (identifier != Identifier.USER_ALIAS && aliasLabel.isPresent()) {
            problems.add(prefix + ALIAS_LABEL + ": only used when " + IDENTIFIER + " is user_alias, got '" + aliasLabel.get()
                    + "' with " + IDENTIFIER + " " + identifier.configName());
        }
        Optional<String> audienceAttribute = settings.optionalString(AUDIENCE_ATTRIBUTE).map(String::trim);
        if (audienceAttribute.isPresent() && !ATTRIBUTE_NAME.matcher(audienceAttribute.get()).matches()) {
            problems.add(prefix + AUDIENCE_ATTRIBUTE + ": must be a Braze custom attribute name (no spaces, not starting with $,"
                    + " at most 255 characters), got '" + audienceAttribute.get() + "'");
        }
        Optional<String> group = settings.optionalString(SUBSCRIPTION_GROUP_ID).map(String::trim);
        if (group.isPresent() && group.get().isEmpty()) {
            problems.add(prefix + SUBSCRIPTION_GROUP_ID + ": must not be empty when given");
        }
        SubscriptionState state = SubscriptionState.valueOf(settings.string(SUBSCRIPTION_STATE).toUpperCase(Locale.ROOT));
        long batchSize = settings.integer(BATCH_SIZE);
        if (batchSize < 1 || batchSize > BrazeDestinationFactory.MAX_ATTRIBUTES_PER_REQUEST) {
            problems.add(prefix + BATCH_SIZE + ": must be between 1 and " + BrazeDestinationFactory.MAX_ATTRIBUTES_PER_REQUEST
                    + " (Braze takes at most 75 attributes objects per request), got " + batchSize);
        }
        long concurrency = settings.integer(CONCURRENCY);
        if (concurrency < 1 || concurrency > 64) {
            problems.add(prefix + CONCURRENCY + ": must be between 1 and 64, got " + concurrency);
        }
        long timeout = settings.integer(TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > 600) {
            problems.add(prefix + TIMEOUT_SECONDS + ": must be between 1 and 600, got " + timeout);
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (braze) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new BrazeSettings(settings.name(), endpoint, apiKey, identifier, aliasLabel, audienceAttribute, group, state,
                (int) batchSize, (int) concurrency, Duration.ofSeconds(timeout));
    }

    /**
     * The custom attribute that marks membership of the sync's audience: the pinned
     * {@code audience-attribute}, or {@code ownstack_} and the sync's name in lower case with
     * every character other than a letter, digit or underscore as {@code _}.
     */
    String audienceAttribute(String sync) {
        return audienceAttribute.orElseGet(() -> attributeFor(sync));
    }

    static String attributeFor(String sync) {
        return "ownstack_" + sync.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    URI resolve(String path) {
        return URI.create(restEndpoint.toString() + path);
    }

    private static URI endpoint(String text, String prefix, List<String> problems) {
        return VendorUrls.origin(text).orElseGet(() -> {
            problems.add(prefix + REST_ENDPOINT + ": must be the workspace's REST endpoint URL, such as https://rest.iad-01.braze.com"
                    + " (no path), got '" + text + "'");
            return URI.create("https://invalid");
        });
    }
}
