package dev.ownstack.destinations.hubspot;

import dev.ownstack.destinations.http.VendorUrls;
import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A HubSpot destination's settings, checked beyond their types.
 *
 * @param name                 the destination's name (for messages)
 * @param baseUrl              the API's address, https://api.hubapi.com unless pointed elsewhere
 * @param accessToken          the private app's access token, sent as a Bearer token; never printed
 * @param idProperty           the unique contact property that identifies a contact (email by default)
 * @param listId               a pinned list; empty: one MANUAL list per sync, named after the sync
 * @param listMembership       whether a sync's audience is its list's membership (adds and removes
 *                             members); false: contacts are only created and updated
 * @param requestsPerTenSeconds the portal's request limit per rolling ten seconds
 */
record HubSpotSettings(String name, URI baseUrl, Secret accessToken, String idProperty, Optional<String> listId, boolean listMembership,
                       int requestsPerTenSeconds) {
    static final String ACCESS_TOKEN = "access-token";
    static final String API_BASE_URL = "api-base-url";
    static final String ID_PROPERTY = "id-property";
    static final String LIST_ID = "list-id";
    static final String LIST_MEMBERSHIP = "list-membership";
    static final String REQUESTS_PER_TEN_SECONDS = "requests-per-ten-seconds";
    static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

    /** HubSpot's internal property names: lower-case letters, digits and underscores, starting with a letter. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern LIST_ID_FORM = Pattern.compile("[0-9]+");

    HubSpotSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(idProperty, "idProperty");
        Objects.requireNonNull(listId, "listId");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static HubSpotSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        URI baseUrl = baseUrl(settings.string(API_BASE_URL), prefix, problems);
        Secret token = settings.secret(ACCESS_TOKEN);
        if (token.reveal().isBlank()) {
            problems.add(prefix + ACCESS_TOKEN + ": must not be empty (a private app's access token, pat-...)");
        }
        String idProperty = settings.string(ID_PROPERTY).trim();
        if (!PROPERTY_NAME.matcher(idProperty).matches()) {
            problems.add(prefix + ID_PROPERTY + ": must be a contact property's internal name (lower case, digits, _), got '" + idProperty + "'");
        }
        Optional<String> listId = settings.optionalString(LIST_ID).map(String::trim);
        if (listId.isPresent() && !LIST_ID_FORM.matcher(listId.get()).matches()) {
            problems.add(prefix + LIST_ID + ": must be a list's ILS id (digits), got '" + listId.get() + "'");
        }
        boolean listMembership = settings.bool(LIST_MEMBERSHIP);
        if (listId.isPresent() && !listMembership) {
            problems.add(prefix + LIST_ID + ": set, but " + LIST_MEMBERSHIP + " is false, so no list is used; remove one of them");
        }
        long rate = settings.integer(REQUESTS_PER_TEN_SECONDS);
        if (rate < 1 || rate > 10_000) {
            problems.add(prefix + REQUESTS_PER_TEN_SECONDS + ": must be between 1 and 10000, got " + rate);
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (hubspot) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new HubSpotSettings(settings.name(), baseUrl, token, idProperty, listId, listMembership, (int) rate);
    }

    private static URI baseUrl(String text, String prefix, List<String> problems) {
        return VendorUrls.origin(text).orElseGet(() -> {
            problems.add(prefix + API_BASE_URL + ": must be an http:// or https:// address with a host and no path, got '" + text + "'");
            return URI.create(DEFAULT_BASE_URL);
        });
    }

    @Override
    public String toString() {
        return "HubSpotSettings[name=" + name + ", baseUrl=" + baseUrl + ", accessToken=****, idProperty=" + idProperty + ", listId="
                + listId.orElse("(per sync)") + ", listMembership=" + listMembership + ", requestsPerTenSeconds=" + requestsPerTenSeconds + "]";
    }
}
