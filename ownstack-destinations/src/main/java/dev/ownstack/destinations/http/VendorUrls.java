package dev.ownstack.destinations.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Reading the address settings of vendor connectors. */
public final class VendorUrls {
    private VendorUrls() {
    }

    /**
     * The origin ({@code scheme://host[:port]}) that {@code text} names, when it is an http or
     * https URL with a host and nothing after it: no user, path (a trailing {@code /} is allowed),
     * query or fragment. Empty otherwise; the caller names the setting in its message.
     */
    public static Optional<URI> origin(String text) {
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI url = new URI(trimmed);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (url.getRawPath() == null || url.getRawPath().isEmpty()) && url.getRawQuery() == null && url.getRawFragment() == null;
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null && url.getRawUserInfo() == null && bare) {
                return Optional.of(URI.create(scheme + "://" + url.getRawAuthority()));
            }
        } catch (URISyntaxException e) {
            // not a URL at all: the caller reports it like any other unusable address
        }
        return Optional.empty();
    }
}
