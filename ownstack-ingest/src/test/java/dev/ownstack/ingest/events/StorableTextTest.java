package dev.ownstack.ingest.events;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorableTextTest {
    private static final JsonMapper JSON = new JsonMapper();

    private static byte[] body(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(UTF_8));
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** The text inside a string value, at every offset from 0 to 20 so that it meets every word boundary of the scan. */
    private static void assertScan(boolean expected, byte[] inside) {
        for (int padding = 0; padding <= 20; padding++) {
            byte[] body = body("{\"a\":\"" + "x".repeat(padding), inside, "\"}");
            assertEquals(expected, StorableText.mayHoldUnstorable(body), new String(body, UTF_8));
        }
        assertEquals(expected, StorableText.mayHoldUnstorable(inside), "bare " + new String(inside, UTF_8));
    }

    @Test
    void flags_escapes_of_nul_and_of_surrogates_in_either_case() {
        for (String escape : List.of("\\u0000", "\\ud800", "\\uD800", "\\uDbFf", "\\udc00", "\\uDFFF", "\\ud83d\\ude00")) {
            assertScan(true, escape.getBytes(UTF_8));
        }
    }

    @Test
    void passes_other_escapes() {
        for (String escape : List.of("\\u0001", "\\u00e9", "\\u00E9", "\\ud7ff", "\\ue000", "\\uFFFF", "\\n", "\\\\", "\\\"", "\\/", "\\u10000")) {
            assertScan(false, escape.getBytes(UTF_8));
        }
    }

    @Test
    void flags_bytes_that_are_not_well_formed_utf_8_of_a_scalar_value() {
        List<byte[]> bad = List.of(
                bytes(0x00),
                bytes(0xC0, 0x80), // overlong NUL
                bytes(0xC1, 0xBF),
                bytes(0xE0, 0x80, 0x80), // overlong NUL in three bytes
                bytes(0xE0, 0x9F, 0xBF),
                bytes(0xED, 0xA0, 0x80), // U+D800 encoded
                bytes(0xED, 0xBF, 0xBF), // U+DFFF encoded
                bytes(0xF0, 0x80, 0x80, 0x80), // overlong in four bytes
                bytes(0xF4, 0x90, 0x80, 0x80), // past U+10FFFF
                bytes(0xF5, 0x80, 0x80, 0x80),
                bytes(0xFF),
                bytes(0x80), // a stray continuation byte
                bytes(0xC3, 0x41), // a lead byte without its continuation
                bytes(0xE2, 0x82)); // cut short at the end
        for (byte[] sequence : bad) {
            assertScan(true, sequence);
        }
    }

    @Test
    void passes_well_formed_utf_8() {
        List<byte[]> good = List.of(
                "é".getBytes(UTF_8), "ก".getBytes(UTF_8), "€".getBytes(UTF_8), "\uD7FF".getBytes(UTF_8),
                "\uE000".getBytes(UTF_8), "\uFEFF".getBytes(UTF_8), "\uD83D\uDE00".getBytes(UTF_8),
                "\uDBFF\uDFFF".getBytes(UTF_8), "日本語のテキスト".getBytes(UTF_8));
        for (byte[] sequence : good) {
            assertScan(false, sequence);
        }
    }

    @Test
    void flags_bodies_in_utf_16() {
        assertTrue(StorableText.mayHoldUnstorable("{\"a\":\"b\"}".getBytes(UTF_16BE)));
        assertTrue(StorableText.mayHoldUnstorable("{\"a\":\"b\"}".getBytes(UTF_16LE)));
        assertTrue(StorableText.mayHoldUnstorable(body("", bytes(0xFE, 0xFF), "{}")));
    }

    @Test
    void passes_the_bodies_sdks_send() throws IOException {
        for (String name : List.of("analytics-java-import.json", "analytics-js-track.json", "analytics-node-batch.json",
                "rudderstack-batch.json")) {
            try (InputStream in = StorableTextTest.class.getResourceAsStream("wire/" + name)) {
                assertFalse(StorableText.mayHoldUnstorable(in.readAllBytes()), name);
            }
        }
    }

    @Test
    void whatever_it_passes_parses_to_storable_text() {
        // Random bodies from pieces that are harmless, suspicious or broken: every one the scan
        // passes and the parser accepts must hold only text that can be stored.
        byte[][] pieces = {
            "a".getBytes(UTF_8), "\\u0000".getBytes(UTF_8), "\\uD800".getBytes(UTF_8), "\\udc01".getBytes(UTF_8),
            "\\u00e9".getBytes(UTF_8), "\\\\".getBytes(UTF_8), "\\u".getBytes(UTF_8), "0".getBytes(UTF_8), "d8".getBytes(UTF_8),
            "é".getBytes(UTF_8), "\uD83D\uDE00".getBytes(UTF_8), bytes(0xC0, 0x80), bytes(0xE0, 0x80, 0x80),
            bytes(0xED, 0xA0, 0x80), bytes(0xF0, 0x80, 0x80, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xED),
            bytes(0xA0), bytes(0x80), bytes(0x00), bytes(0xF0, 0x9F), bytes(0xBF),
        };
        Random random = new Random(20261126);
        int passed = 0;
        int flagged = 0;
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                text.writeBytes(pieces[random.nextInt(pieces.length)]);
            }
            byte[] inside = text.toByteArray();
            byte[] body = random.nextBoolean() ? body("{\"a\":[\"", inside, "\"]}") : body("{\"", inside, "\":1}");
            JsonNode tree;
            try {
                tree = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (StorableText.mayHoldUnstorable(body)) {
                flagged++;
            } else {
                passed++;
                assertNull(StorableText.badTextPath(tree), () -> new String(body, UTF_8));
            }
        }
        assertTrue(passed > 100 && flagged > 100, passed + " passed, " + flagged + " flagged");
    }
}
