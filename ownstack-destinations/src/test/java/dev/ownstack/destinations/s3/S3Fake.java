package dev.ownstack.destinations.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An S3 bucket over HTTP on 127.0.0.1, path-style: PutObject (plain or aws-chunked bodies),
 * ListObjectsV2, GetObject and multipart uploads (create, upload part, complete, abort), as the
 * S3 API reference documents them. Requests must name the expected access key id in their
 * Authorization header (signatures are not verified); other keys get 403 InvalidAccessKeyId.
 */
final class S3Fake implements AutoCloseable {
    private final HttpServer server;
    private final String bucket;
    private final String accessKeyId;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger nextUpload = new AtomicInteger();
    private final AtomicInteger completedUploads = new AtomicInteger();

    S3Fake(String bucket, String accessKeyId) throws IOException {
        this.bucket = bucket;
        this.accessKeyId = accessKeyId;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The bucket's objects by key. */
    Map<String, byte[]> objects() {
        return new TreeMap<>(objects);
    }

    /** Multipart uploads completed so far. */
    int completedUploads() {
        return completedUploads.get();
    }

    /** Multipart uploads begun and neither completed nor aborted. */
    int openUploads() {
        return uploads.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.contains("Credential=" + accessKeyId + "/")) {
                error(exchange, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String[] parts = path.substring(1).split("/", 2);
            if (!parts[0].equals(bucket)) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
                return;
            }
            String key = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && key.isEmpty()) {
                list(exchange, query);
            } else if (method.equals("GET")) {
                byte[] object = objects.get(key);
                if (object == null) {
                    error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
                } else {
                    send(exchange, 200, object, "application/octet-stream");
                }
            } else if (method.equals("PUT") && query.containsKey("uploadId")) {
                byte[] body = body(exchange);
                Map<Integer, byte[]> upload = uploads.get(query.get("uploadId"));
                if (upload == null) {
                    error(exchange, 404, "NoSuchUpload", "The specified upload does not exist.");
                    return;
                }
                upload.put(Integer.parseInt(query.get("partNumber")), body);
                exchange.getResponseHeaders().add("ETag", etag(body));
                send(exchange, 200, new byte[0], null);
            } else if (method.equals("PUT")) {
                byte[] body = body(exchange);
                objects.put(key, body);
                exchange.getResponseHeaders().add("ETag", etag(body));
                send(exchange, 200, new byte[0], null);
            } else if (method.equals("POST") && query.containsKey("uploads")) {
                body(exchange);
                String id = "upload-" + nextUpload.incrementAndGet();
                uploads.put(id, new ConcurrentHashMap<>());
                xml(exchange, 200, "<InitiateMultipartUploadResult><Bucket>" + bucket + "</Bucket><Key>" + escape(key) + "</Key><UploadId>" + id
                        + "</UploadId></InitiateMultipartUploadResult>");
            } else if (method.equals("POST") && query.containsKey("uploadId")) {
                body(exchange);
                Map<Integer, byte[]> upload = uploads.remove(query.get("uploadId"));
                if (upload == null) {
                    error(exchange, 404, "NoSuchUpload", "The specified upload does not exist.");
                    return;
                }
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                for (byte[] part : new TreeMap<>(upload).values()) {
                    whole.writeBytes(part);
                }
                objects.put(key, whole.toByteArray());
                completedUploads.incrementAndGet();
                xml(exchange, 200, "<CompleteMultipartUploadResult><Bucket>" + bucket + "</Bucket><Key>" + escape(key) + "</Key><ETag>"
                        + etag(whole.toByteArray()) + "</ETag></CompleteMultipartUploadResult>");
            } else if (method.equals("DELETE") && query.containsKey("uploadId")) {
                uploads.remove(query.get("uploadId"));
                send(exchange, 204, null, null);
            } else {
                error(exchange, 405, "MethodNotAllowed", method + " " + path + " is not supported by the fake");
            }
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        StringBuilder contents = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, byte[]> object : new TreeMap<>(objects).entrySet()) {
            if (object.getKey().startsWith(prefix) && count < maxKeys) {
                count++;
                contents.append("<Contents><Key>").append(escape(object.getKey())).append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>")
                        .append(etag(object.getValue())).append("</ETag><Size>").append(object.getValue().length)
                        .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
            }
        }
        xml(exchange, 200, "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket + "</Name><Prefix>"
                + escape(prefix) + "</Prefix><KeyCount>" + count + "</KeyCount><MaxKeys>" + maxKeys + "</MaxKeys><IsTruncated>false</IsTruncated>"
                + contents + "</ListBucketResult>");
    }

    /** The request body, decoded from aws-chunked (chunk size[;extensions] CRLF data CRLF ... 0 CRLF trailers CRLF) when sent so. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        String sha = String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
        if (!encoding.contains("aws-chunked") && !sha.startsWith("STREAMING-")) {
            return raw;
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(raw, at);
            String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return decoded.toByteArray();
            }
            decoded.write(raw, at, size);
            at += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("an aws-chunked body without a line end after " + from);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] nameValue = pair.split("=", 2);
                query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        xml(exchange, status, "<Error><Code>" + code + "</Code><Message>" + escape(message) + "</Message><RequestId>fake</RequestId></Error>");
    }

    private static void xml(HttpExchange exchange, int status, String xml) throws IOException {
        send(exchange, status, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.getResponseHeaders().add("x-amz-request-id", "fake");
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String etag(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
