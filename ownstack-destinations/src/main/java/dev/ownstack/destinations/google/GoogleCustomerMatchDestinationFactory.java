package dev.ownstack.destinations.google;

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
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: google-customer-match}: people added to and removed from a Google Ads Customer
 * Match list through the Data Manager API
 * (https://developers.google.com/data-manager/api/devguides/audiences/google-ads/customer-match/upload-data).
 */
public final class GoogleCustomerMatchDestinationFactory implements DestinationFactory {
    /** At most 10,000 AudienceMember resources per request (https://developers.google.com/data-manager/api/limits). */
    static final int MAX_MEMBERS = 10_000;
    /** 300 requests per minute per Google Cloud project (https://developers.google.com/data-manager/api/limits). */
    static final RateLimit RATE_LIMIT = new RateLimit(300, Duration.ofMinutes(1));
    private static final int CONCURRENCY = 2;

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required(GoogleSettings.OPERATING_ACCOUNT_ID, Type.STRING,
                    "the Google Ads customer id (123-456-7890) whose Customer Match lists are filled"),
            ConfigField.optional(GoogleSettings.LOGIN_ACCOUNT_ID, Type.STRING,
                    "the manager account id the credentials act through, when the user is not in the operating account itself"),
            ConfigField.required(GoogleSettings.CLIENT_ID, Type.STRING, "the OAuth 2.0 client id of the Google Cloud project"),
            ConfigField.required(GoogleSettings.CLIENT_SECRET, Type.SECRET, "the OAuth 2.0 client secret"),
            ConfigField.required(GoogleSettings.REFRESH_TOKEN, Type.SECRET,
                    "a refresh token granted the https://www.googleapis.com/auth/datamanager scope"),
            ConfigField.withDefault(GoogleSettings.OAUTH_URL, Type.STRING, GoogleSettings.DEFAULT_TOKEN_URL,
                    "Google's OAuth 2.0 token endpoint"),
            ConfigField.withDefault(GoogleSettings.API_BASE_URL, Type.STRING, GoogleSettings.DEFAULT_API_BASE_URL,
                    "the Data Manager API's address"),
            ConfigField.optional(GoogleSettings.USER_LIST_ID, Type.STRING,
                    "the id of the one Customer Match list every sync fills; without it each sync fills a list named after the sync, "
                            + "created when missing"),
            ConfigField.withDefault(GoogleSettings.DEFAULT_COUNTRY, Type.STRING, "US",
                    "two-letter country for phone numbers without a country code and for addresses without a country field"),
            ConfigField.choice(GoogleSettings.AD_USER_DATA, "CONSENT_GRANTED", GoogleSettings.CONSENT_STATUSES,
                    "the EU user consent sent for ad user data with every upload"),
            ConfigField.choice(GoogleSettings.AD_PERSONALIZATION, "CONSENT_GRANTED", GoogleSettings.CONSENT_STATUSES,
                    "the EU user consent sent for ad personalization with every upload"),
            ConfigField.withDefault(GoogleSettings.TIMEOUT_SECONDS, Type.INTEGER, 60L, "how long one request may take before it is retried"));

    @Override
    public String type() {
        return "google-customer-match";
    }

    @Override
    public String description() {
        return "adds and removes people (hashed email, phone, name and address) in Google Ads Customer Match lists via the Data Manager API";
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
        GoogleSettings.from(settings);
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_MEMBERS, 0, CONCURRENCY, Optional.of(RATE_LIMIT), false);
    }

    @Override
    public Capabilities defaultCapabilities() {
        return new Capabilities(Set.of(Operation.UPSERT, Operation.REMOVE), MAX_MEMBERS, 0, CONCURRENCY, Optional.of(RATE_LIMIT), false);
    }

    @Override
    public Destination open(DestinationSettings settings) {
        return new GoogleCustomerMatchDestination(GoogleSettings.from(settings), Clock.systemUTC());
    }
}
