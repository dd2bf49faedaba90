package dev.ownstack.destinations.marketo;

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
 * A Marketo destination's settings, checked beyond their types.
 *
 * @param name           the destination's name (for messages)
 * @param baseUrl        the instance's REST endpoint, {@code https://<munchkin id>.mktorest.com}, without a path
 * @param clientId       the LaunchPoint custom service's client id
 * @param clientSecret   its client secret
 * @param lookupField    the lead field that finds an existing lead (a searchable field; {@code email} by default)
 * @param listId         a static list every sync of this destination uses, instead of one per sync
 * @param listFolderId   the folder where a sync's static list is created when missing
 * @param listMembership whether synced leads are kept in a static list (removals take them out of it)
 */
record MarketoSettings(String name, URI baseUrl, String clientId, Secret clientSecret, String lookupField, Optional<Long> listId,
                       Optional<Long> listFolderId, boolean listMembership) {
    static final String MUNCHKIN_BASE_URL = "munchkin-base-url";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String LOOKUP_FIELD = "lookup-field";
    static final String LIST_ID = "list-id";
    static final String LIST_FOLDER_ID = "list-folder-id";
    static final String LIST_MEMBERSHIP = "list-membership";

    /** A lead field's REST API name: letters, digits and underscores, starting with a letter. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    MarketoSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(lookupField, "lookupField");
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(listFolderId, "listFolderId");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static MarketoSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        URI baseUrl = baseUrl(settings.string(MUNCHKIN_BASE_URL), prefix, problems);
        String clientId = settings.string(CLIENT_ID).trim();
        if (clientId.isEmpty()) {
            problems.add(prefix + CLIENT_ID + ": must not be empty");
        }
        Secret clientSecret = settings.secret(CLIENT_SECRET);
        if (clientSecret.reveal().isBlank()) {
            problems.add(prefix + CLIENT_SECRET + ": must not be empty");
        }
        String lookupField = settings.string(LOOKUP_FIELD).trim();
        if (!FIELD_NAME.matcher(lookupField).matches()) {
            problems.add(prefix + LOOKUP_FIELD + ": must be a lead field's REST API name such as email, got '" + lookupField + "'");
        }
        Optional<Long> listId = positive(settings, LIST_ID, prefix, problems);
        Optional<Long> listFolderId = positive(settings, LIST_FOLDER_ID, prefix, problems);
        boolean listMembership = settings.bool(LIST_MEMBERSHIP);
        if (listMembership && listId.isEmpty() && listFolderId.isEmpty()) {
            problems.add(prefix + LIST_FOLDER_ID + ": required to create each sync's static list (or pin one with "
                    + LIST_ID + ", or set " + LIST_MEMBERSHIP + ": false)");
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (marketo) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new MarketoSettings(settings.name(), baseUrl, clientId, clientSecret, lookupField, listId, listFolderId, listMembership);
    }

    /** An endpoint of the instance: {@code path} starts with a slash and may carry an encoded query. */
    URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    private static URI baseUrl(String text, String prefix, List<String> problems) {
        return VendorUrls.origin(text).orElseGet(() -> {
            problems.add(prefix + MUNCHKIN_BASE_URL + ": must be the instance's REST endpoint such as https://123-ABC-456.mktorest.com "
                    + "(Admin > Web Services, without /rest), got '" + text + "'");
            return URI.create("https://invalid");
        });
    }

    private static Optional<Long> positive(DestinationSettings settings, String key, String prefix, List<String> problems) {
        Object value = settings.values().get(key);
        if (value == null) {
            return Optional.empty();
        }
        long id = (Long) value;
        if (id < 1) {
            problems.add(prefix + key + ": must be a positive id, got " + id);
            return Optional.empty();
        }
        return Optional.of(id);
    }
}
