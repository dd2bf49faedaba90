package dev.ownstack.destinations.braze;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: braze}: user profiles written with Braze's {@code POST /users/track}
 * (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/), membership of a sync's
 * audience kept in a boolean custom attribute, and optionally a subscription group.
 */
public final class BrazeDestinationFactory implements DestinationFactory {
    /**
     * At most 75 attribute objects per {@code /users/track} request (https://www.braze.com/docs/api/api_limits/); 50
     * updates in all on Monthly Active Users CY 24-25 plans
     * (https://www.braze.com/docs/api/endpoints/user_data/post_user_track/#monthly-active-users-cy-24-25).
     */
    static final int MAX_ATTRIBUTES_PER_REQUEST = 75;
    /** The default {@code /users/track} limit: 3,000 requests per three seconds per workspace (https://www.braze.com/docs/api/api_limits/). */
    static final RateLimit USERS_TRACK_LIMIT = new RateLimit(3_000, Duration.ofSeconds(3));

    private static final int DEFAULT_CONCURRENCY = 8;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(BrazeSettings.API_KEY, Type.SECRET,
                    "a REST API key with the users.track and users.export.ids permissions, sent as Authorization: Bearer"),
            ConfigField.required(BrazeSettings.REST_ENDPOINT, Type.STRING,
                    "the workspace's REST endpoint, such as https://rest.iad-01.braze.com (Settings > APIs and Identifiers)"),
            ConfigField.choice(BrazeSettings.IDENTIFIER, "external_id", BrazeSettings.Identifier.configNames(),
                    "which Braze identifier the sync's key is: external_id, email, or user_alias (with alias-label)"),
            ConfigField.optional(BrazeSettings.ALIAS_LABEL, Type.STRING,
                    "the alias_label of the users' aliases when identifier is user_alias; the key is the alias_name"),
            ConfigField.optional(BrazeSettings.AUDIENCE_ATTRIBUTE, Type.STRING,
                    "the boolean custom attribute that marks who is in the audience; ownstack_<sync> when not given"),
            ConfigField.optional(BrazeSettings.SUBSCRIPTION_GROUP_ID, Type.STRING,
                    "a subscription group whose state is set for the audience's members"),
            ConfigField.choice(BrazeSettings.SUBSCRIPTION_STATE, "subscribed", List.of("subscribed", "unsubscribed"),
                    "the state members get in the subscription group"),
            ConfigField.withDefault(BrazeSettings.BATCH_SIZE, Type.INTEGER, (long) MAX_ATTRIBUTES_PER_REQUEST,
                    "attributes objects per /users/track request: 75, or 50 on Braze's Monthly Active Users CY 24-25 plans"),
            ConfigField.withDefault(BrazeSettings.CONCURRENCY, Type.INTEGER, (long) DEFAULT_CONCURRENCY, "requests in flight at once"),
            ConfigField.withDefault(BrazeSettings.TIMEOUT_SECONDS, Type.INTEGER, 30L, "how long one request may take before it is retried"));

    @Override
    public String type() {
        return "braze";
    }

    @Override
    public String description() {
        return "Braze user profiles through /users/track: mapped attributes and a custom attribute per audience, optionally a subscription group";
    }

    @Override
    public DestinationCategory category() {
        return DestinationCategory.MESSAGING;
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    /** Updates of existing users only where the key is an external_id: only those can be looked up in bulk before sending. */
    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        BrazeSettings braze = BrazeSettings.from(settings);
        Set<Operation> operations = EnumSet.of(Operation.UPSERT, Operation.REMOVE);
        if (braze.identifier() == BrazeSettings.Identifier.EXTERNAL_ID) {
            operations.add(Operation.UPDATE);
        }
        return new Capabilities(operations, braze.batchSize(), 0, braze.concurrency(), Optional.of(USERS_TRACK_LIMIT), false);
    }

    /** With identifier external_id, the default. */
    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(EnumSet.of(Operation.UPSERT, Operation.UPDATE, Operation.REMOVE), MAX_ATTRIBUTES_PER_REQUEST, 0,
                DEFAULT_CONCURRENCY, Optional.of(USERS_TRACK_LIMIT), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new BrazeDestination(BrazeSettings.from(settings), Clock.systemUTC());
    }
}
