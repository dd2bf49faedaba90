package dev.ownstack.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Reading request bodies and writing responses of the REST API as JSON. */
public final class ApiJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiJson() {
    }

    /** The request body as JSON; an empty body is an empty object. INPUT_INVALID when it is not JSON. */
    public static JsonNode body(Context context) {
        byte[] body = context.bodyAsBytes();
        if (body.length == 0) {
            return NODES.objectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NODES.objectNode() : node;
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "the request body is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "the request body could not be read: " + e.getMessage(), e);
        }
    }

    /** The request body as a JSON object. */
    public static ObjectNode object(Context context) {
        JsonNode body = body(context);
        if (!body.isObject()) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "the request body must be a JSON object, got "
                    + body.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) body;
    }

    public static void write(Context context, int status, JsonNode body) {
        try {
            context.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new OwnstackException(ErrorCode.INTERNAL, "cannot write a response: " + e.getMessage(), e);
        }
    }

    /**
     * A value read from the warehouse as JSON: numbers as numbers (decimals exactly), booleans,
     * dates and times as ISO-8601 text (a TIMESTAMP without zone, as stored; a TIMESTAMPTZ with
     * {@code Z}), anything else as its text.
     */
    public static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean bool) {
            return NODES.booleanNode(bool);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal.stripTrailingZeros().scale() < 0 ? decimal.setScale(0) : decimal.stripTrailingZeros());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? NODES.numberNode(number) : NODES.textNode(Double.toString(number));
        }
        if (value instanceof LocalDate date) {
            return NODES.textNode(date.toString());
        }
        if (value instanceof LocalDateTime time) {
            return NODES.textNode(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time));
        }
        if (value instanceof OffsetDateTime time) {
            return NODES.textNode(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        return NODES.textNode(value.toString());
    }
}
