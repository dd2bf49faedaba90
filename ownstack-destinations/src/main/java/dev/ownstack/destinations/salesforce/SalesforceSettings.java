package dev.ownstack.destinations.salesforce;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce destination's settings, checked beyond their types. The object and field names
 * are API names (letters, digits and underscores, e.g. {@code Contact}, {@code Ownstack_Id__c}),
 * which is also what makes them safe to place in a URL path and a SOQL query.
 *
 * @param name             the destination's name (for messages)
 * @param instanceUrl      the org's My Domain URL, without a trailing slash
 * @param loginUrl         where the OAuth token endpoint is ({@code /services/oauth2/token})
 * @param apiVersion       as in the URL, e.g. {@code v62.0}
 * @param object           the sObject written
 * @param externalIdField  the external id field that holds the record key
 * @param clientId         the connected (or external client) app's consumer key
 * @param clientSecret     its consumer secret
 * @param refreshToken     for the refresh_token grant; empty for the client_credentials grant
 * @param api              how batches are sent
 * @param bulkThreshold    in {@link Api#AUTO}, batches of at least this many records use Bulk API 2.0
 * @param bulkBatchSize    records per batch when Bulk API 2.0 may be used
 * @param deleteOnRemove   whether removed records are deleted ({@code on-remove: delete}) or removals are not supported
 * @param concurrency      batches in flight at once
 * @param timeout          per HTTP request
 * @param bulkWait         how long to wait for one Bulk API 2.0 job to finish
 */
record SalesforceSettings(String name, URI instanceUrl, URI loginUrl, String apiVersion, String object, String externalIdField,
                          String clientId, Secret clientSecret, Optional<Secret> refreshToken, Api api, int bulkThreshold,
                          int bulkBatchSize, boolean deleteOnRemove, int concurrency, Duration timeout, Duration bulkWait) {
    static final String INSTANCE_URL = "instance-url";
    static final String LOGIN_URL = "login-url";
    static final String API_VERSION = "api-version";
    static final String OBJECT = "object";
    static final String EXTERNAL_ID_FIELD = "external-id-field";
    static final String CLIENT_ID = "client-id";
    static final String CLIENT_SECRET = "client-secret";
    static final String REFRESH_TOKEN = "refresh-token";
    static final String API = "api";
    static final String BULK_THRESHOLD = "bulk-threshold";
    static final String BULK_BATCH_SIZE = "bulk-batch-size";
    static final String ON_REMOVE = "on-remove";
    static final String CONCURRENCY = "concurrency";
    static final String TIMEOUT_SECONDS = "timeout-seconds";
    static final String BULK_WAIT_SECONDS = "bulk-wait-seconds";

    /** sObject Collections take at most 200 records per request. */
    static final int COLLECTION_LIMIT = 200;

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3})\\.0");

    /** How batches reach Salesforce. */
    enum Api {
        /** Bulk API 2.0 for batches of at least {@code bulk-threshold} records, sObject Collections for smaller ones. */
        AUTO,
        /** sObject Collections only: batches of 200. */
        COLLECTIONS,
        /** Bulk API 2.0 for every upsert and removal batch. */
        BULK;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    SalesforceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(externalIdField, "externalIdField");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(bulkWait, "bulkWait");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static SalesforceSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        URI instanceUrl = url(settings.string(INSTANCE_URL), INSTANCE_URL, prefix, problems);
        URI loginUrl = settings.optionalString(LOGIN_URL).map(text -> url(text, LOGIN_URL, prefix, problems)).orElse(instanceUrl);
        String version = settings.string(API_VERSION).trim();
        Matcher versionMatch = VERSION.matcher(version);
        if (!versionMatch.matches()) {
            problems.add(prefix + API_VERSION + ": must be a Salesforce API version such as v62.0, got '" + version + "'");
        }
        String object = apiName(settings.string(OBJECT), OBJECT, prefix, problems);
        String externalId = apiName(settings.string(EXTERNAL_ID_FIELD), EXTERNAL_ID_FIELD, prefix, problems);
        if (externalId.equalsIgnoreCase("Id")) {
            problems.add(prefix + EXTERNAL_ID_FIELD + ": must be an external id field, not the record id 'Id'");
        }
        String clientId = settings.string(CLIENT_ID).trim();
        if (clientId.isEmpty()) {
            problems.add(prefix + CLIENT_ID + ": must not be empty");
        }
        Secret clientSecret = settings.secret(CLIENT_SECRET);
        if (clientSecret.isEmpty()) {
            problems.add(prefix + CLIENT_SECRET + ": must not be empty");
        }
        Optional<Secret> refreshToken = settings.optionalSecret(REFRESH_TOKEN);
        if (refreshToken.isPresent() && refreshToken.get().isEmpty()) {
            problems.add(prefix + REFRESH_TOKEN + ": must not be empty when given (leave it out for the client_credentials grant)");
        }
        Api api = Api.valueOf(settings.string(API).toUpperCase(Locale.ROOT));
        int bulkBatchSize = (int) settings.integer(BULK_BATCH_SIZE, 1, 100_000, problems);
        int bulkThreshold = (int) settings.integer(BULK_THRESHOLD, 1, 100_000, problems);
        boolean delete = settings.string(ON_REMOVE).equals("delete");
        int concurrency = (int) settings.integer(CONCURRENCY, 1, 25, problems);
        long timeoutSeconds = settings.integer(TIMEOUT_SECONDS, 1, 600, problems);
        long bulkWaitSeconds = settings.integer(BULK_WAIT_SECONDS, 1, 86_400, problems);
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (salesforce) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new SalesforceSettings(settings.name(), instanceUrl, loginUrl, "v" + versionMatch.group(1) + ".0", object, externalId,
                clientId, clientSecret, refreshToken, api, bulkThreshold, bulkBatchSize, delete, concurrency,
                Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(bulkWaitSeconds));
    }

    /** Records per batch: 200 for sObject Collections, the bulk batch size when Bulk API 2.0 may be used. */
    int maxBatchRecords() {
        return api == Api.COLLECTIONS ? COLLECTION_LIMIT : bulkBatchSize;
    }

    /** Whether a batch of {@code size} upserts or removals goes through Bulk API 2.0. */
    boolean bulkFor(int size) {
        return switch (api) {
            case COLLECTIONS -> false;
            case BULK -> true;
            case AUTO -> size >= bulkThreshold;
        };
    }

    /** {@code /services/data/v62.0} on the instance. */
    String dataPath() {
        return "/services/data/" + apiVersion;
    }

    URI data(String path) {
        return URI.create(instanceUrl + dataPath() + path);
    }

    /** For messages: the grant used. */
    String grant() {
        return refreshToken.isPresent() ? "refresh_token" : "client_credentials";
    }

    @Override
    public String toString() {
        return "SalesforceSettings[" + name + " at " + instanceUrl + ", " + object + " by " + externalIdField + ", " + apiVersion
                + ", api " + api.configName() + ", grant " + grant() + "]";
    }

    private static URI url(String text, String key, String prefix, List<String> problems) {
        return VendorUrls.origin(text).orElseGet(() -> {
            problems.add(prefix + key + ": must be an https:// URL with a host and no path, such as https://yourorg.my.salesforce.com, got '"
                    + text + "'");
            return URI.create("https://invalid");
        });
    }

    private static String apiName(String text, String key, String prefix, List<String> problems) {
        String trimmed = text.trim();
        if (!API_NAME.matcher(trimmed).matches()) {
            problems.add(prefix + key + ": must be a Salesforce API name (letters, digits, underscores, e.g. Contact or Ownstack_Id__c), got '"
                    + text + "'");
        }
        return trimmed;
    }
}
