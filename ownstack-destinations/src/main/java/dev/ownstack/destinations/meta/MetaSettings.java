package dev.ownstack.destinations.meta;

import dev.ownstack.destinations.http.VendorUrls;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.Secret;
import dev.ownstack.destinations.pii.PiiContext;
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
 * A Meta Custom Audiences destination's settings, checked beyond their types.
 *
 * @param name               the destination's name (for messages)
 * @param adAccountId        the ad account's number, without the {@code act_} prefix
 * @param accessToken        a system user's access token with {@code ads_management}
 * @param appSecret          the app's secret, when calls must carry {@code appsecret_proof}
 * @param apiVersion         the Graph API version, such as {@code v25.0}
 * @param apiBaseUrl         scheme, host and port of the Graph API (a fake in tests)
 * @param defaultCountry     ISO 3166-1 alpha-2 country (upper case) for phone numbers without a country code, and whose
 *                           rules apply to states and postal codes
 * @param audienceId         a pinned audience, instead of one found or created by the sync's name
 * @param customerFileSource where the customer file's data came from, as Meta asks when creating an audience
 * @param refresh            incremental adds and removes, or a full replace session per run
 * @param timeout            per request
 */
record MetaSettings(String name, String adAccountId, Secret accessToken, Optional<Secret> appSecret, String apiVersion, URI apiBaseUrl,
                    String defaultCountry, Optional<String> audienceId, String customerFileSource, Refresh refresh,
                    Duration timeout) {
    static final String AD_ACCOUNT_ID = "ad-account-id";
    static final String ACCESS_TOKEN = "access-token";
    static final String APP_SECRET = "app-secret";
    static final String API_VERSION = "api-version";
    static final String API_BASE_URL = "api-base-url";
    static final String DEFAULT_COUNTRY = "default-country";
    static final String AUDIENCE_ID = "audience-id";
    static final String CUSTOMER_FILE_SOURCE = "customer-file-source";
    static final String REFRESH = "refresh";

    static final String DEFAULT_VERSION = "v25.0";
    static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    static final List<String> FILE_SOURCES = List.of("USER_PROVIDED_ONLY", "PARTNER_PROVIDED_ONLY", "BOTH_USER_AND_PARTNER_PROVIDED");

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,2}");

    /** How a run changes the audience. */
    enum Refresh {
        /** Each batch adds ({@code POST /users}) or removes ({@code DELETE /users}) its members. */
        INCREMENTAL,
        /** Batches are checked only; finish replaces the audience with every current member ({@code POST /usersreplace}). */
        REPLACE;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    MetaSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(adAccountId, "adAccountId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(defaultCountry, "defaultCountry");
        Objects.requireNonNull(audienceId, "audienceId");
        Objects.requireNonNull(customerFileSource, "customerFileSource");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static MetaSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        String account = settings.string(AD_ACCOUNT_ID).trim();
        String accountNumber = account.startsWith("act_") ? account.substring(4) : account;
        if (!DIGITS.matcher(accountNumber).matches()) {
            problems.add(prefix + AD_ACCOUNT_ID + ": must be the ad account's number, optionally prefixed act_, got '" + account + "'");
        }
        Secret token = settings.secret(ACCESS_TOKEN);
        if (token.reveal().isBlank()) {
            problems.add(prefix + ACCESS_TOKEN + ": must not be empty");
        }
        Optional<Secret> appSecret = settings.optionalSecret(APP_SECRET).filter(secret -> !secret.reveal().isBlank());
        String version = settings.string(API_VERSION).trim();
        if (!VERSION.matcher(version).matches()) {
            problems.add(prefix + API_VERSION + ": must be a Graph API version such as " + DEFAULT_VERSION + ", got '" + version + "'");
        }
        URI baseUrl = baseUrl(settings.string(API_BASE_URL), prefix, problems);
        String country = settings.string(DEFAULT_COUNTRY).trim().toUpperCase(Locale.ROOT);
        if (!PiiContext.isCountryCode(country)) {
            problems.add(prefix + DEFAULT_COUNTRY + ": must be a two-letter ISO 3166-1 country code such as US, got '"
                    + settings.string(DEFAULT_COUNTRY) + "'");
        }
        Optional<String> audience = settings.optionalString(AUDIENCE_ID).map(String::trim).filter(text -> !text.isEmpty());
        if (audience.isPresent() && !DIGITS.matcher(audience.get()).matches()) {
            problems.add(prefix + AUDIENCE_ID + ": must be a custom audience's numeric id, got '" + audience.get() + "'");
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (meta-audiences) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new MetaSettings(settings.name(), accountNumber, token, appSecret, version, baseUrl,
                country, audience, settings.string(CUSTOMER_FILE_SOURCE),
                Refresh.valueOf(settings.string(REFRESH).toUpperCase(Locale.ROOT)), Duration.ofSeconds(60));
    }

    /** Where messages say the destination is: never a token. */
    String where() {
        return "meta-audiences " + name + " (act_" + adAccountId + ") at " + apiBaseUrl;
    }

    private static URI baseUrl(String text, String prefix, List<String> problems) {
        return VendorUrls.origin(text).orElseGet(() -> {
            problems.add(prefix + API_BASE_URL + ": must be an http:// or https:// address with a host and nothing after it, such as "
                    + DEFAULT_BASE_URL + ", got '" + text + "'");
            return URI.create(DEFAULT_BASE_URL);
        });
    }

    @Override
    public String toString() {
        return "MetaSettings[" + where() + ", " + apiVersion + ", " + refresh.configName() + "]";
    }
}
