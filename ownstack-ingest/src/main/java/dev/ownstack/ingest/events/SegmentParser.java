package dev.ownstack.ingest.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parses request bodies of the Segment tracking API. Thread-safe; one instance serves all
 * requests.
 */
public final class SegmentParser {
    private final CollectorLimits limits;
    private final JsonMapper mapper;
    private final EventNormaliser normaliser;

    public SegmentParser(CollectorLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build())
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                // Emoji and other characters beyond the BMP as UTF-8 rather than \\uD83D\\uDE00 escapes.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        this.mapper = JsonMapper.builder(factory).build();
        this.normaliser = new EventNormaliser(mapper, limits);
    }

    public CollectorLimits limits() {
        return limits;
    }

    /**
     * Parses one (already decompressed) body sent to {@code endpoint}. Throws an
     * {@code OwnstackException} with INPUT_INVALID (HTTP 400) when the body is not JSON, nests
     * deeper than the limit, is not an object, has a {@code batch} that is not a list of objects,
     * or has more events than {@code maxBatchEvents}; the message names what is wrong and where.
     * Problems of single events are not thrown: {@link ParsedRequest#normalise} turns them into
     * rejects.
     *
     * <p>Events are not built into trees: each one is read once with a streaming parser into its
     * fields and where their values are in the body ({@link ObjectFields}), so that normalising can
     * copy what it does not change byte for byte.
     */
    public ParsedRequest parse(Endpoint endpoint, byte[] body) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        byte[] utf8;
        try {
            utf8 = BodyEncoding.toUtf8(body);
        } catch (CharacterCodingException e) {
            throw invalid("body is not valid JSON text: " + e.getMessage());
        }
        // Bodies that may hold text that cannot be stored (or malformed UTF-8) get every string decoded.
        boolean careful = StorableText.mayHoldUnstorable(utf8);
        JsonParser parser;
        try {
            parser = mapper.createParser(utf8);
        } catch (IOException e) {
            throw invalid("body is not valid JSON text: " + e.getMessage());
        }
        try (parser) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid("body is empty; expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                throw invalid("body must be a JSON object, not " + describe(first));
            }
            if (parser.currentTokenLocation().getByteOffset() < 0) {
                throw invalid("body is not valid JSON text: its encoding is not supported; send UTF-8");
            }
            ParsedRequest request = endpoint == Endpoint.BATCH ? parseBatch(parser, utf8, careful)
                    : parseSingle(endpoint, parser, utf8, careful);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw invalid("body has " + describe(after) + " after its JSON object" + at(parser.currentTokenLocation()));
            }
            return request;
        } catch (StreamConstraintsException e) {
            if (e.getOriginalMessage().contains("nesting depth")) {
                throw invalid("JSON nests deeper than " + limits.maxNestingDepth() + " levels" + at(where(e, parser)));
            }
            throw invalid("body is not valid JSON" + at(where(e, parser)) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw invalid("body is not valid JSON" + at(where(e, parser)) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            // Only text decoding fails here: the input is a byte array.
            throw invalid("body is not valid JSON text: " + e.getMessage());
        }
    }

    private ParsedRequest parseSingle(Endpoint endpoint, JsonParser parser, byte[] body, boolean careful) throws IOException {
        ObjectFields event = ObjectFields.read(parser, EventFields.EVENT, careful);
        return new ParsedRequest(normaliser, endpoint, body, mapper.createObjectNode(), 0, List.of(event), careful);
    }

    private ParsedRequest parseBatch(JsonParser parser, byte[] body, boolean careful) throws IOException {
        ObjectNode envelope = mapper.createObjectNode();
        List<ObjectFields> events = new ArrayList<>();
        int count = 0;
        long mergedBytes = 0;
        boolean sawBatch = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("batch")) {
                if (sawBatch) {
                    throw invalid("body has more than one batch" + at(parser.currentTokenLocation()));
                }
                sawBatch = true;
                if (token != JsonToken.START_ARRAY) {
                    throw invalid("batch must be a list of events, not " + describe(token) + at(parser.currentTokenLocation()));
                }
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (token != JsonToken.START_OBJECT) {
                        throw invalid("batch item " + count + " is " + describe(token) + ", not an object"
                                + at(parser.currentTokenLocation()));
                    }
                    if (count < limits.maxBatchEvents()) {
                        events.add(ObjectFields.read(parser, EventFields.EVENT, careful));
                    } else {
                        parser.skipChildren();
                    }
                    count++;
                }
            } else {
                long start = offset(parser.currentTokenLocation());
                JsonNode value = mapper.readTree(parser);
                envelope.set(name, value == null ? NullNode.getInstance() : value);
                if (name.equals("context") || name.equals("integrations")) {
                    mergedBytes += offset(parser.currentLocation()) - start;
                }
            }
        }
        if (!sawBatch) {
            throw invalid("body has no batch; a request to /v1/batch or /v1/import carries {\"batch\": [events]}");
        }
        if (count == 0) {
            throw invalid("batch is empty; expected at least one event");
        }
        if (count > limits.maxBatchEvents()) {
            throw invalid("batch has " + count + " events; at most " + limits.maxBatchEvents() + " are accepted per request");
        }
        return new ParsedRequest(normaliser, Endpoint.BATCH, body, envelope, (int) Math.min(mergedBytes, Integer.MAX_VALUE),
                events, careful);
    }

    /** Where a location is in the (UTF-8) body, in bytes. */
    private static long offset(JsonLocation location) {
        return location.getByteOffset();
    }

    private static JsonLocation where(JsonProcessingException e, JsonParser parser) {
        return e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(JsonToken token) {
        switch (token) {
            case START_ARRAY:
                return "an array";
            case START_OBJECT:
                return "an object";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.asString() == null ? token.name() : "'" + token.asString() + "'";
        }
    }

    private static OwnstackException invalid(String message) {
        return new OwnstackException(ErrorCode.INPUT_INVALID, message);
    }
}
