package dev.ownstack.destinations.webhook;

import dev.ownstack.activation.destination.DestinationSettings;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook destination's settings, checked beyond their types: the URL's form, the secret's
 * {@code whsec_} form, custom header names, and the ranges of the numbers.
 *
 * @param name              the destination's name (for messages)
 * @param url               where batches are POSTed: http or https, with a host
 * @param secret            the signing secret
 * @param headers           extra request headers (e.g. an {@code Authorization}); values never printed
 * @param batchSize         at most this many records per request
 * @param maxBatchBytes     at most this many bytes of JSON-encoded fields per request
 * @param timeout           how long one request may take, connection included
 * @param concurrency       requests in flight at once
 * @param requestsPerSecond the receiver's rate limit, if it has one
 */
record WebhookSettings(String name, URI url, WebhookSecret secret, Map<String, String> headers, int batchSize, long maxBatchBytes,
                       Duration timeout, int concurrency, Optional<Integer> requestsPerSecond) {
    static final String URL = "url";
    static final String SECRET = "secret";
    static final String HEADERS = "headers";
    static final String BATCH_SIZE = "batch-size";
    static final String MAX_BATCH_BYTES = "max-batch-bytes";
    static final String TIMEOUT_SECONDS = "timeout-seconds";
    static final String CONCURRENCY = "concurrency";
    static final String REQUESTS_PER_SECOND = "requests-per-second";

    /** Set by the destination itself, or by the HTTP client, so not by the user. */
    private static final Set<String> RESERVED_HEADERS = Set.of("webhook-id", "webhook-timestamp", "webhook-signature", "content-type",
            "content-length", "host", "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    WebhookSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(requestsPerSecond, "requestsPerSecond");
    }

    /** @throws OwnstackException {@code CONFIG_INVALID} listing every problem, each as {@code destinations.<name>.<setting>} */
    static WebhookSettings from(DestinationSettings settings) {
        String prefix = "destinations." + settings.name() + ".";
        List<String> problems = new ArrayList<>();
        URI url = url(settings.string(URL), prefix, problems);
        WebhookSecret.Result secret = WebhookSecret.parse(settings.secret(SECRET).reveal());
        if (secret.secret().isEmpty()) {
            problems.add(prefix + SECRET + ": " + secret.problem());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        settings.map(HEADERS).forEach((header, value) -> {
            if (!HEADER_NAME.matcher(header).matches()) {
                problems.add(prefix + HEADERS + "." + header + ": not a valid HTTP header name");
            } else if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                problems.add(prefix + HEADERS + "." + header + ": set by the webhook destination itself, cannot be overridden");
            } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                problems.add(prefix + HEADERS + "." + header + ": the value must be one line");
            } else {
                headers.put(header, value);
            }
        });
        int batchSize = (int) settings.integer(BATCH_SIZE, 1, 10_000, problems);
        long maxBatchBytes = settings.integer(MAX_BATCH_BYTES, 1_024, 100L << 20, problems);
        long timeoutSeconds = settings.integer(TIMEOUT_SECONDS, 1, 600, problems);
        int concurrency = (int) settings.integer(CONCURRENCY, 1, 64, problems);
        Optional<Integer> requestsPerSecond = Optional.empty();
        if (settings.values().containsKey(REQUESTS_PER_SECOND)) {
            requestsPerSecond = Optional.of((int) settings.integer(REQUESTS_PER_SECOND, 1, 100_000, problems));
        }
        if (!problems.isEmpty()) {
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, "destination " + settings.name() + " (webhook) has " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ":\n  " + String.join("\n  ", problems));
        }
        return new WebhookSettings(settings.name(), url, secret.secret().get(), headers, batchSize, maxBatchBytes,
                Duration.ofSeconds(timeoutSeconds), concurrency, requestsPerSecond);
    }

    /** Scheme, host and port only: a webhook URL's path or query often carries a token, so messages never show them. */
    String endpoint() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static URI url(String text, String prefix, List<String> problems) {
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getRawUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other unusable URL
        }
        problems.add(prefix + URL + ": must be an http:// or https:// URL with a host and no user:password part");
        return URI.create("http://invalid");
    }
}
