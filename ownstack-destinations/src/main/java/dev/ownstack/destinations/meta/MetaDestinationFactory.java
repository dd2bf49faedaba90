package dev.ownstack.destinations.meta;

import dev.ownstack.activation.destination.Capabilities;
import dev.ownstack.activation.destination.ConfigField;
import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.activation.destination.ConfigSpec;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationCategory;
import dev.ownstack.activation.destination.DestinationFactory;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.activation.destination.Operation;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: meta-audiences}: one Meta customer-list Custom Audience per sync, members added and
 * removed through the Marketing API
 * (https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences).
 */
public final class MetaDestinationFactory implements DestinationFactory {
    /** Meta takes at most 10,000 rows per users, users DELETE and usersreplace call. */
    static final int MAX_ROWS = 10_000;
    /**
     * Meta publishes no concurrency limit; its rate limits are per ad account and move with the
     * account's use (https://developers.facebook.com/docs/marketing-api/overview/rate-limiting),
     * so two requests in flight, paced by the throttling answers.
     */
    static final int CONCURRENCY = 2;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(MetaSettings.AD_ACCOUNT_ID, Type.STRING, "the ad account's number, with or without the act_ prefix"),
            ConfigField.required(MetaSettings.ACCESS_TOKEN, Type.SECRET,
                    "a system user's access token with the ads_management permission on the ad account"),
            ConfigField.optional(MetaSettings.APP_SECRET, Type.SECRET,
                    "the app's secret: every call then carries appsecret_proof (needed when the app requires it)"),
            ConfigField.withDefault(MetaSettings.API_VERSION, Type.STRING, MetaSettings.DEFAULT_VERSION, "the Graph API version"),
            ConfigField.withDefault(MetaSettings.API_BASE_URL, Type.STRING, MetaSettings.DEFAULT_BASE_URL, "the Graph API's address"),
            ConfigField.required(MetaSettings.DEFAULT_COUNTRY, Type.STRING,
                    "two-letter country code for phone numbers written without one, and whose state and postal code rules apply, e.g. US"),
            ConfigField.optional(MetaSettings.AUDIENCE_ID, Type.STRING,
                    "an existing custom audience to write to, instead of the one named after the sync"),
            ConfigField.choice(MetaSettings.CUSTOMER_FILE_SOURCE, "USER_PROVIDED_ONLY", MetaSettings.FILE_SOURCES,
                    "where the customer data came from, as Meta asks when an audience is created"),
            ConfigField.choice(MetaSettings.REFRESH, "incremental", List.of("incremental", "replace"),
                    "incremental: add and remove the run's changes; replace: replace the whole audience at the end of each run"));

    @Override
    public String type() {
        return "meta-audiences";
    }

    @Override
    public String description() {
        return "Adds and removes people in a Meta (Facebook, Instagram) customer-list Custom Audience, SHA-256 hashed as Meta requires";
    }

    @Override
    public DestinationCategory category() {
        return DestinationCategory.ADVERTISING;
    }

    @Override
    public ConfigSpec spec() {
        return SPEC;
    }

    @Override
    public Capabilities capabilities(DestinationSettings settings) {
        MetaSettings meta = MetaSettings.from(settings);
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_ROWS, 0, CONCURRENCY, Optional.empty(),
                meta.refresh() == MetaSettings.Refresh.REPLACE);
    }

    /** With refresh: incremental, the default. */
    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_ROWS, 0, CONCURRENCY, Optional.empty(), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new MetaDestination(MetaSettings.from(settings), Clock.systemUTC());
    }
}
