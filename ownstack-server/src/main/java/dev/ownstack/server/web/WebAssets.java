package dev.ownstack.server.web;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.auth.Guard;
import dev.ownstack.server.auth.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web app: {@code GET /app} answers the one page (with the signed-in user, role and CSRF token
 * of the request's session in {@code <meta>} tags, so the page knows who is there without a
 * request that fails), and {@code GET /app/assets/PATH} the scripts, styles and images it loads,
 * from the classpath folder {@code dev/ownstack/server/web/}. Every answer forbids inline scripts
 * and styles, framing and content sniffing. The pages hold no data: everything they show comes
 * from the REST API, which checks every call.
 */
public final class WebAssets {
    private static final String ROOT = "dev/ownstack/server/web/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.(js|css|svg|png)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png");
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Guard guard;
    private final String page;
    private final Map<String, Asset> assets = new ConcurrentHashMap<>();

    public WebAssets(Guard guard) {
        this.guard = guard;
        this.page = new String(read("index.html").orElseThrow(() -> new OwnstackException(ErrorCode.INTERNAL,
                "the web app's page " + ROOT + "index.html is missing from the classpath")), StandardCharsets.UTF_8);
    }

    /** {@code GET /}: to the web app. */
    public void root(Context context) {
        context.redirect("/app/");
    }

    /** {@code GET /app}: the page, with who is signed in by the request's cookie (never cached). */
    public void page(Context context) {
        Optional<Principal> principal = guard.optionalPrincipal(context).filter(Principal::byCookie);
        String session = principal.map(p -> meta("ownstack-user", p.name()) + meta("ownstack-role", p.role().label())
                + meta("ownstack-csrf", p.session().orElseThrow().csrfToken())).orElse("");
        headers(context);
        context.header("Cache-Control", "no-store");
        context.contentType("text/html; charset=utf-8").result(page.replace("<!--session-->", session));
    }

    /** {@code GET /app/assets/<path>}: a file of the app; revalidated by its ETag on every load. */
    public void asset(Context context) {
        String path = context.pathParam("path");
        if (!ASSET.matcher(path).matches()) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no asset '" + path + "': the web app's assets are named like pages/audiences.js");
        }
        Asset asset = assets.computeIfAbsent(path, WebAssets::load);
        if (asset == Asset.MISSING) {
            throw new OwnstackException(ErrorCode.NOT_FOUND, "no asset '" + path + "' in the web app");
        }
        headers(context);
        context.header("Cache-Control", "no-cache");
        context.header("ETag", asset.etag());
        if (asset.etag().equals(context.header("If-None-Match"))) {
            context.status(304);
            return;
        }
        context.contentType(asset.type()).result(asset.bytes());
    }

    private static void headers(Context context) {
        context.header("Content-Security-Policy", POLICY);
        context.header("X-Content-Type-Options", "nosniff");
        context.header("Referrer-Policy", "same-origin");
        context.header("X-Frame-Options", "DENY");
    }

    private static String meta(String name, String content) {
        return "<meta name=\"" + name + "\" content=\"" + escape(content) + "\">\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Asset load(String path) {
        return read("assets/" + path).map(bytes -> new Asset(bytes, TYPES.get(path.substring(path.lastIndexOf('.') + 1)), etag(bytes)))
                .orElse(Asset.MISSING);
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(byte[] bytes, String type, String etag) {
        static final Asset MISSING = new Asset(new byte[0], "", "");
    }
}
