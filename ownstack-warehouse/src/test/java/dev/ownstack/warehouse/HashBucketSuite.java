package dev.ownstack.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.table.ColumnType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlDialect#hashBucket} on a running engine gives the bucket computed here in Java: the
 * first 32 bits of the MD5 of the UTF-8 text, unsigned, modulo the bucket count. The generation-only
 * dialects write the same definition (their tests and docs/WAREHOUSE.md), so a customer is in the
 * same sample or holdout whichever engine computes it.
 */
public abstract class HashBucketSuite {
    /** Ids whose MD5 starts with a digit of 8 or more are included: a signed reading would make them negative. */
    static final List<String> TEXTS = List.of("cus_0000000000000000", "cus_0000000000001eef", "sample:vip:c1", "holdout:vip:c1",
            "sample:lapsed:cus_42", "", "Zoë 😀 日本語", "it's; DROP TABLE x; --", "a\\b", "9f86d081");
    static final List<Integer> BUCKETS = List.of(100, 7, 1000, 1);

    protected abstract Warehouse warehouse();

    /** The reference definition. */
    public static long bucket(String text, int buckets) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            long first32 = ((md5[0] & 0xffL) << 24) | ((md5[1] & 0xffL) << 16) | ((md5[2] & 0xffL) << 8) | (md5[3] & 0xffL);
            return first32 % buckets;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_texts_include_md5s_whose_first_bit_is_set() {
        assertTrue(TEXTS.stream().anyMatch(HashBucketSuite::firstBitSet), "no text has an MD5 starting at 8 or above");
    }

    @Test
    void buckets_every_text_as_java_does() {
        SqlDialect dialect = warehouse().dialect();
        String text = "CAST(? AS " + dialect.typeName(ColumnType.STRING) + ")";
        for (int buckets : BUCKETS) {
            for (String value : TEXTS) {
                Object[] row = warehouse().queryAll("SELECT " + dialect.hashBucket(text, buckets), value).rows().get(0);
                assertEquals(bucket(value, buckets), ((Number) row[0]).longValue(), dialect.name() + ": '" + value + "' in " + buckets);
            }
        }
    }

    private static boolean firstBitSet(String text) {
        try {
            return (MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8))[0] & 0x80) != 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
