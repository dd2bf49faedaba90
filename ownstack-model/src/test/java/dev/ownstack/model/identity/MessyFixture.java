package dev.ownstack.model.identity;

import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.config.identity.IdentitySource;
import dev.ownstack.core.config.identity.KeyKind;
import dev.ownstack.core.config.identity.KeyMapping;
import dev.ownstack.core.config.identity.MatchKey;
import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.config.identity.ValueSource;
import dev.ownstack.core.table.Column;
import dev.ownstack.core.table.ColumnType;
import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.RowWriter;
import dev.ownstack.warehouse.Warehouse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Dirty data for checking that extraction normalises exactly as the Java normalisers do: Unicode
 * whitespace around values (some of which Java does not count as whitespace), blank and missing
 * parts, ids that only lower-case into placeholders outside ASCII, every phone and email shape,
 * names with accents and full-width letters, and devices seen on several rows with different
 * values. Values are drawn from lists with a seeded random, so the same seed gives the same rows.
 */
final class MessyFixture {
    static final TableName PEOPLE = new TableName("raw", "people");
    static final TableName ACCOUNTS = new TableName("raw", "accounts");
    static final TableName DEVICES = new TableName("raw", "devices");

    private static final String[] PADDING = {"", "", "", " ", "\t", "\u3000", "\u2028", "\u00a0", "\u200b", " \u2003", "\n", "\u001c"};
    private static final String[] IDS = {"u1", "U1", "u-2", "NULL", "Unknown", "un\u212anown", "\u0130D-7", "none", "-1", "", "\u3000",
            "\uff35\uff33\uff25\uff32", "u-blocked", "U-BLOCKED", "anonymous", "guest", "z\u00fc", "a\u00a0b", "dev-1", "dev-2"};
    private static final String[] EMAILS = {"Ann.Lee@Gmail.com", "annlee+shop@googlemail.com", "ANN.LEE@GMAIL.COM", "bob@example.org",
            "bob+x@outlook.com", "test@test.com", "TEST@test.com", "info@acme.test", "INFO@ACME.TEST", "no-at-sign", "a@b", "a@@b.com",
            "x @y.com", "@example.org", "+tag@gmail.com", "zo\u00eb@example.org", "\u0130nfo@acme.test", "null", "", "j.doe@fastmail.com",
            "a@.example.org", "a@example.org.", "a@exa..mple.org", "a@example", "a\u001fb@x.org", "a\tb@x.org", "J.Doe+Tag@ICLOUD.com",
            ".a.@GoogleMail.com", "+@outlook.com", "@", "a@b.c@d.e"};
    private static final String[] PHONES = {"020 7946 0958", "+44 20 7946 0958", "(020) 7946-0958", "02079460958", "+442079460958",
            "0044 20 7946 0958", "07911 123456", "+44 7911 123456", "0000000000", "1234567890", "+1 415 555 2671", "415-555-2671",
            "0800 FLOWERS", "020 7946 0958 ext. 12", "12", "not a phone", "+44 (0)20 7946 0958", "\uff10\uff12\uff10 7946 0958",
            "+15555555555", ""};
    private static final String[] NAMES = {"Ann", "ann", "ANN", "Zo\u00eb", "Zoe", "O'Brien", "OBrien", "Jos\u00e9", "\uff2a\uff2f\uff28\uff2e",
            "Stra\u00dfe", "\u0141ukasz", "...", "", " - ", "Mary Ann", "Mary  Ann", "Null", "Dr. J. R.", "Smith", "smith", "Bob", "Robert",
            "Bill", "William", "Liz", "Elizabeth"};
    private static final String[] POSTCODES = {"SW1A 1AA", "sw1a1aa", "SW1A\t1AA", "90210-1234", "90210", "---", "", "E1 6AN", "null",
            "stra\u00dfe", "\u0131stanbul"};
    private static final String[] DATES = {"1980-02-29", "1981-02-29", "19800229", "29/02/1980", "29.02.1980", "1980-2-3", "1980-02-29T10:00",
            "yesterday", "", "2000-13-01"};

    private MessyFixture() {
    }

    static IdentityConfig config(boolean withFields) {
        List<MatchKey> keys = List.of(
                new MatchKey("user_id", List.of(KeyKind.USER_ID), 2, Set.of("u-blocked", "guest"), 50),
                new MatchKey("email", List.of(KeyKind.EMAIL_CANONICAL), 5, Set.of("info@acme.test"), 50),
                new MatchKey("email_plain", List.of(KeyKind.EMAIL), 5, Set.of(), 50),
                new MatchKey("phone", List.of(KeyKind.PHONE), 5, Set.of("+442079460958"), 50),
                new MatchKey("anonymous_id", List.of(KeyKind.ANONYMOUS_ID), 100, Set.of(), 50),
                new MatchKey("name_postcode", List.of(KeyKind.NAME, KeyKind.POSTCODE), 5, Set.of("ann|SW1A1AA"), 50),
                new MatchKey("name_dob", List.of(KeyKind.NAME, KeyKind.DATE), 5, Set.of(), 50),
                new MatchKey("device_user", List.of(KeyKind.ANONYMOUS_ID, KeyKind.USER_ID), 100, Set.of("dev-1|u1"), 50),
                new MatchKey("first_name_postcode", List.of(KeyKind.FIRST_NAME, KeyKind.POSTCODE), 5, Set.of(), 50));
        ValueSource name = new ValueSource(List.of(ColumnRef.column("first_name"), ColumnRef.column("last_name")));
        List<IdentitySource> sources = List.of(
                new IdentitySource("people", PEOPLE, "id", 1, Optional.of("updated_at"), List.of(
                        new KeyMapping("email", List.of(ValueSource.of("email"), ValueSource.of("email2"))),
                        new KeyMapping("email_plain", List.of(ValueSource.of("email"))),
                        new KeyMapping("phone", List.of(ValueSource.of("phone"))),
                        new KeyMapping("name_postcode", List.of(name, ValueSource.of("postcode"))),
                        new KeyMapping("name_dob", List.of(name, ValueSource.of("dob"))),
                        new KeyMapping("first_name_postcode", List.of(ValueSource.of("first_name"), ValueSource.of("postcode")))),
                        withFields ? Map.of("given", ValueSource.of("first_name"), "family", ValueSource.of("last_name")) : Map.of()),
                new IdentitySource("accounts", ACCOUNTS, "account_id", 2, Optional.empty(), List.of(
                        new KeyMapping("user_id", List.of(ValueSource.of("user_id"))),
                        new KeyMapping("email", List.of(ValueSource.of("email"))),
                        new KeyMapping("phone", List.of(ValueSource.of("phone")))),
                        withFields ? Map.of("family", ValueSource.of("user_id")) : Map.of()),
                new IdentitySource("devices", DEVICES, "anonymous_id", 3, Optional.of("seen_at"), List.of(
                        new KeyMapping("anonymous_id", List.of(ValueSource.of("anonymous_id"))),
                        new KeyMapping("user_id", List.of(ValueSource.of("user_id"))),
                        new KeyMapping("email", List.of(new ValueSource(List.of(new ColumnRef("traits", List.of("email")))))),
                        new KeyMapping("device_user", List.of(ValueSource.of("anonymous_id"), ValueSource.of("user_id")))), Map.of()));
        Optional<ProbabilisticConfig> probabilistic = withFields ? Optional.of(new ProbabilisticConfig(0.9,
                List.of(new ProbabilisticConfig.BlockingRule(List.of(ProbabilisticConfig.BlockingTerm.of("family")))),
                List.of(new ProbabilisticConfig.Comparison("given", ProbabilisticConfig.Method.EXACT, List.of())), 1000, 1000))
                : Optional.empty();
        return new IdentityConfig("GB", keys, sources, probabilistic);
    }

    static void load(Warehouse warehouse, long seed, int people) {
        SplittableRandom random = new SplittableRandom(seed);
        warehouse.ensureTable(PEOPLE, List.of(new Column("id", ColumnType.STRING), new Column("email", ColumnType.STRING),
                new Column("email2", ColumnType.STRING), new Column("phone", ColumnType.STRING), new Column("first_name", ColumnType.STRING),
                new Column("last_name", ColumnType.STRING), new Column("postcode", ColumnType.STRING), new Column("dob", ColumnType.STRING),
                new Column("updated_at", ColumnType.TIMESTAMP)), List.of());
        warehouse.ensureTable(ACCOUNTS, List.of(new Column("account_id", ColumnType.BIGINT), new Column("user_id", ColumnType.STRING),
                new Column("email", ColumnType.STRING), new Column("phone", ColumnType.STRING)), List.of());
        warehouse.ensureTable(DEVICES, List.of(new Column("anonymous_id", ColumnType.STRING), new Column("user_id", ColumnType.STRING),
                new Column("traits", ColumnType.JSON), new Column("seen_at", ColumnType.TIMESTAMP)), List.of());
        try (RowWriter writer = warehouse.append(PEOPLE, List.of("id", "email", "email2", "phone", "first_name", "last_name", "postcode",
                "dob", "updated_at"))) {
            for (int i = 0; i < people; i++) {
                // a few ids repeat, so some people are records of several rows
                String id = "P" + random.nextInt(people * 3 / 4 + 1);
                writer.write(new Object[] {random.nextInt(20) == 0 ? null : id, dirty(random, EMAILS), dirty(random, EMAILS),
                        dirty(random, PHONES), dirty(random, NAMES), dirty(random, NAMES), dirty(random, POSTCODES), dirty(random, DATES),
                        random.nextInt(5) == 0 ? null : LocalDateTime.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28), 0, 0)});
            }
        }
        try (RowWriter writer = warehouse.append(ACCOUNTS, List.of("account_id", "user_id", "email", "phone"))) {
            for (int i = 0; i < people / 2; i++) {
                writer.write(new Object[] {1000L + i, dirty(random, IDS), dirty(random, EMAILS), dirty(random, PHONES)});
            }
        }
        try (RowWriter writer = warehouse.append(DEVICES, List.of("anonymous_id", "user_id", "traits", "seen_at"))) {
            List<String> devices = new ArrayList<>();
            for (int i = 0; i < people / 4; i++) {
                devices.add(dirty(random, IDS) + "-" + (i % 7));
            }
            for (int i = 0; i < people; i++) {
                String email = dirty(random, EMAILS);
                writer.write(new Object[] {devices.get(random.nextInt(devices.size())), dirty(random, IDS),
                        email == null ? null : "{\"email\": " + jsonString(email) + "}",
                        LocalDateTime.of(2024, 2, 1 + random.nextInt(28), random.nextInt(24), 0)});
            }
        }
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** A value from the list with random padding on each side, or sometimes null. */
    private static String dirty(SplittableRandom random, String[] values) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        return PADDING[random.nextInt(PADDING.length)] + values[random.nextInt(values.length)] + PADDING[random.nextInt(PADDING.length)];
    }
}
