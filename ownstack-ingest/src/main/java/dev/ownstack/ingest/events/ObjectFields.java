package dev.ownstack.ingest.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The members of one JSON object in a UTF-8 request body, in order, each with where its name and
 * its value are in the body: what the collector needs of an event without building a tree of
 * it. The members a {@link Reading} names are found without a search, and keep their decoded
 * text (strings) or their own members (objects) as it says. A name given twice keeps its first
 * place and takes the last value, as in Jackson's trees. Belongs to the request whose body it
 * points into.
 */
final class ObjectFields {
    private static final int FIRST_CAPACITY = 16;

    /** A member that the reading {@code of} looks for. */
    record Member(Reading of, String name, int slot, boolean keepText, Reading object) {
    }

    /**
     * The members of an object that are looked for by name: for each, whether its text is kept
     * (when it is a string) and how its own members are read (when it is an object). Built when
     * the class that declares it is initialised, read-only after that.
     */
    static final class Reading {
        private final Map<String, Member> members = new HashMap<>();

        /** Looks for {@code name} and keeps its text when it is a string. */
        Member text(String name) {
            return add(name, true, null);
        }

        /** Looks for {@code name} and, when it is an object, reads its members as {@code reading} says. */
        Member object(String name, Reading reading) {
            return add(name, false, reading);
        }

        /** Looks for {@code name}, keeping only where it is. */
        Member find(String name) {
            return add(name, false, null);
        }

        private Member add(String name, boolean keepText, Reading object) {
            Member member = new Member(this, name, members.size(), keepText, object);
            if (members.putIfAbsent(name, member) != null) {
                throw new IllegalArgumentException("member " + name + " is looked for twice");
            }
            return member;
        }
    }

    private final Reading reading;
    private final int start;
    private int end;
    private int size;
    private String[] names = new String[FIRST_CAPACITY];
    private JsonToken[] tokens = new JsonToken[FIRST_CAPACITY];
    /** Where each member's name starts, and where its value starts and ends: {@code [3i]}, {@code [3i + 1]}, {@code [3i + 2]}. */
    private int[] spans = new int[3 * FIRST_CAPACITY];
    /** The decoded text of a string member, or the members of an object member, when the reading asks for them; else null. */
    private Object[] kept = new Object[FIRST_CAPACITY];
    /** For each member of the reading, its position here plus one, or 0 when the object has none. */
    private final int[] found;

    private ObjectFields(Reading reading, int start) {
        this.reading = reading;
        this.start = start;
        this.found = new int[reading.members.size()];
    }

    /**
     * Reads the object that starts at the parser's current token ({@code START_OBJECT}) and leaves
     * the parser on its {@code END_OBJECT}.
     *
     * @param decodeAll whether to decode every string inside, not only the ones kept: decoding
     *     checks the UTF-8 of a string more strictly than skipping it does (encoded surrogates),
     *     which matters only for bodies that {@link StorableText#mayHoldUnstorable} flags
     */
    static ObjectFields read(JsonParser parser, Reading reading, boolean decodeAll) throws IOException {
        ObjectFields fields = new ObjectFields(reading, (int) parser.currentTokenLocation().getByteOffset());
        String name;
        while ((name = parser.nextFieldName()) != null) {
            int nameStart = (int) parser.currentTokenLocation().getByteOffset();
            JsonToken token = parser.nextToken();
            int valueStart = (int) parser.currentTokenLocation().getByteOffset();
            Member member = reading.members.get(name);
            Object value = null;
            if (token == JsonToken.START_OBJECT) {
                if (member != null && member.object() != null) {
                    value = read(parser, member.object(), decodeAll);
                } else {
                    skip(parser, decodeAll);
                }
            } else if (token == JsonToken.START_ARRAY) {
                skip(parser, decodeAll);
            } else if (token == JsonToken.VALUE_STRING) {
                if (member != null && member.keepText()) {
                    value = parser.getText();
                } else {
                    parser.finishToken();
                }
            }
            fields.put(name, member, token, nameStart, valueStart, (int) parser.currentLocation().getByteOffset(), value);
        }
        fields.end = (int) parser.currentLocation().getByteOffset();
        return fields;
    }

    /** Moves past the object or array at the current token, decoding its strings when asked to. */
    private static void skip(JsonParser parser, boolean decodeAll) throws IOException {
        if (!decodeAll) {
            parser.skipChildren();
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else if (token == JsonToken.VALUE_STRING) {
                parser.finishToken();
            }
        }
    }

    private void put(String name, Member member, JsonToken token, int nameStart, int valueStart, int valueEnd, Object value) {
        int at = member != null ? found[member.slot()] - 1 : search(name);
        if (at < 0) {
            if (size == names.length) {
                int capacity = size * 2;
                names = Arrays.copyOf(names, capacity);
                tokens = Arrays.copyOf(tokens, capacity);
                spans = Arrays.copyOf(spans, 3 * capacity);
                kept = Arrays.copyOf(kept, capacity);
            }
            at = size++;
            names[at] = name;
            if (member != null) {
                found[member.slot()] = at + 1;
            }
        }
        tokens[at] = token;
        spans[3 * at] = nameStart;
        spans[3 * at + 1] = valueStart;
        spans[3 * at + 2] = valueEnd;
        kept[at] = value;
    }

    private int search(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Where the object starts in the body (its opening brace). */
    int start() {
        return start;
    }

    /** Where the object ends in the body (after its closing brace). */
    int end() {
        return end;
    }

    int size() {
        return size;
    }

    /** The position of a member of the reading, or -1 when the object has none. */
    int indexOf(Member member) {
        if (member.of() != reading) {
            throw new IllegalArgumentException(member.name() + " is not a member of this object's reading");
        }
        return found[member.slot()] - 1;
    }

    /** The position of the member called {@code name}, or -1. */
    int indexOf(String name) {
        Member member = reading.members.get(name);
        return member != null ? found[member.slot()] - 1 : search(name);
    }

    String name(int index) {
        return names[index];
    }

    JsonToken token(int index) {
        return tokens[index];
    }

    /** Where the member's name starts (its opening quote): the member as sent runs from here to {@link #valueEnd}. */
    int nameStart(int index) {
        return spans[3 * index];
    }

    int valueStart(int index) {
        return spans[3 * index + 1];
    }

    int valueEnd(int index) {
        return spans[3 * index + 2];
    }

    /** The decoded text of a string member whose text the reading keeps; null for any other member. */
    String text(int index) {
        return kept[index] instanceof String text ? text : null;
    }

    /** The members of an object member that the reading reads; null for any other member. */
    ObjectFields object(int index) {
        return kept[index] instanceof ObjectFields object ? object : null;
    }
}
