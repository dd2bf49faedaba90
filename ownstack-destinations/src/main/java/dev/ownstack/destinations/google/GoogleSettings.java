package dev.ownstack.destinations.google;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.Secret;
import dev.ownstack.destinations.pii.PiiContext;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Google Customer Match destination's settings, checked beyond their types.
 *
 * @param name               the destination's name (for messages)
 * @param operatingAccountId the Google Ads customer id that owns the lists, digits only
 * @param loginAccountId     the manager account the credentials act through, digits only, if any
 * @param clientId           the OAuth client id
 * @param clientSecret       the OAuth client secret
 * @param refreshToken       the OAuth refresh token (scope {@code https://www.googleapis.com/auth/datamanager})
 * @param tokenUrl           where access tokens are obtained
 * @param apiBaseUrl         the Data Manager API's address, without a trailing slash
 * @param userListId         the one Customer Match list every sync fills; without it each sync has a list named after it
 * @param defaultCountry     ISO 3166-1 alpha-2 country (upper case) for phone numbers without a country code and addresses without one
 * @param adUserData         the request's {@code consent.adUserData}
 * @param adPersonalization  the request's {@code consent.adPersonalization}
 * @param timeout            per request
 */
record GoogleSettings(String name, String operatingAccountId, Optional<String> loginAccountId, String clientId, Secret clientSecret,
                      Secret refreshToken, URI tokenUrl, String apiBaseUrl, Optional<String> userListId, String defaultCountry,
                      String adUserData, String adPersonalization, Duration timeout) {
    static final String OPERATING_ACCOUNT_ID = "operating-account-id";
    static final String LOGIN_ACCOUNT_ID = "login-account-id";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String REFRESH_TOKEN = "refresh-token";
    static final String OAUTH_URL = "oauth-url";
    static final String API_BASE_URL = "api-base-url";
    static final String USER_LIST_ID = "user-list-id";
    static final String DEFAULT_COUNTRY = "default-country";
    static final String AD_USER_DATA = "ad-user-data";
    static final String AD_PERSONALIZATION = "ad-personalization";
    static final String TIMEOUT_SECONDS = "timeout-seconds";

    static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    static final String DEFAULT_API_BASE_URL = "https://datamanager.googleapis.com";
    /** The values of Data Manager's ConsentStatus (https://developers.google.com/data-manager/api/reference/rest/v1/Consent). */
    static final List<String> CONSENT_STATUSES = List.of("CONSENT_GRANTED", "CONSENT_DENIED", "CONSENT_STATUS_UNSPECIFIED");

    private static final Pattern CUSTOMER_ID = Pattern.compile("\\d{3}-?\\d{3}-?\\d{4}");
    private static final Pattern LIST_ID = Pattern.compile("\\d{1,20}");

    GoogleSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operatingAccountId, "operatingAccountId");
        Objects.requireNonNull(loginAccountId, "loginAccountId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(userListId, "userListId");
        Objects.requireNonNull(defaultCountry, "defaultCountry");
        Objects.requireNonNull(adUserData, "adUserData");
        Objects.requireNonNull(adPersonalization, "adPersonalization");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static GoogleSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        String operating = customerId(settings.string(OPERATING_ACCOUNT_ID), prefix + OPERATING_ACCOUNT_ID, problems);
        Optional<String> login = settings.optionalString(LOGIN_ACCOUNT_ID).map(id -> customerId(id, prefix + LOGIN_ACCOUNT_ID, problems));
        String clientId = settings.string(CLIENT_ID).trim();
        if (clientId.isEmpty()) {
            problems.add(prefix + CLIENT_ID + ": must not be empty");
        }
        Secret clientSecret = settings.secret(CLIENT_SECRET);
        if (clientSecret.reveal().isBlank()) {
            problems.add(prefix + CLIENT_SECRET + ": must not be empty");
        }
        Secret refreshToken = settings.secret(REFRESH_TOKEN);
        if (refreshToken.reveal().isBlank()) {
            problems.add(prefix + REFRESH_TOKEN + ": must not be empty");
        }
        URI tokenUrl = url(settings.string(OAUTH_URL), prefix + OAUTH_URL, problems);
        URI apiBase = url(settings.string(API_BASE_URL), prefix + API_BASE_URL, problems);
        Optional<String> userList = settings.optionalString(USER_LIST_ID).map(String::trim);
        if (userList.isPresent() && !LIST_ID.matcher(userList.get()).matches()) {
            problems.add(prefix + USER_LIST_ID + ": must be a Customer Match list's numeric id, got '" + userList.get() + "'");
        }
        String country = settings.string(DEFAULT_COUNTRY).trim().toUpperCase(Locale.ROOT);
        if (!PiiContext.isCountryCode(country)) {
            problems.add(prefix + DEFAULT_COUNTRY + ": must be a two-letter ISO 3166-1 country code such as US, got '"
                    + settings.string(DEFAULT_COUNTRY) + "'");
        }
        long timeoutSeconds = settings.integer(TIMEOUT_SECONDS);
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            problems.add(prefix + TIMEOUT_SECONDS + ": must be between 1 and 600, got " + timeoutSeconds);
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (google-customer-match) has "
                    + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        String base = apiBase.toString();
        return new GoogleSettings(settings.name(), operating, login, clientId, clientSecret, refreshToken, tokenUrl,
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base, userList,
                country, settings.string(AD_USER_DATA), settings.string(AD_PERSONALIZATION),
                Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    /** Scheme, host and port of the API, for messages. */
    String endpoint() {
        URI uri = URI.create(apiBaseUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** A Google Ads customer id as the API takes it: ten digits, the dashes of {@code 123-456-7890} dropped. */
    private static String customerId(String text, String path, List<String> problems) {
        String trimmed = text.trim();
        if (!CUSTOMER_ID.matcher(trimmed).matches()) {
            problems.add(path + ": must be a Google Ads customer id, ten digits with or without dashes (123-456-7890), got '" + text + "'");
        }
        return trimmed.replace("-", "");
    }

    private static URI url(String text, String path, List<String> problems) {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getRawUserInfo() == null
                    && url.getRawQuery() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other unusable URL
        }
        problems.add(path + ": must be an http:// or https:// URL with a host, got '" + text + "'");
        return URI.create("http://invalid");
    }
}
