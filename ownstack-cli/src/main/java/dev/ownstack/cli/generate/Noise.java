package dev.ownstack.cli.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Turns a person's clean values into the messy ones sources hold: typos, nicknames, changed case,
 * mail address variants that reach the same mailbox, phone numbers in several formats, junk values.
 * Rates are per record and documented in docs/GENERATOR.md.
 */
final class Noise {

    static final String JUNK_EMAIL = "test@test.com";
    static final String JUNK_PHONE = "0000000000";

    private static final String KEYBOARD_ROWS = "qwertyuiop|asdfghjkl|zxcvbnm";
    private static final int[] PHONE_FORMAT_WEIGHTS = {35, 20, 10, 15, 15, 5};

    private Noise() {
    }

    /** Percentages are out of 1,000 so that rates below one per cent can be written exactly. */
    static boolean chance(SplittableRandom random, int perMille) {
        return random.nextInt(1000) < perMille;
    }

    static String firstName(Person person, SplittableRandom random, int missingPerMille) {
        if (chance(random, missingPerMille)) {
            return "";
        }
        String name = person.firstName();
        String nickname = Vocabulary.NICKNAMES.get(name);
        if (nickname != null && chance(random, 150)) {
            name = nickname;
        } else if (chance(random, 40)) {
            name = typo(name, random);
        }
        return recase(name, random);
    }

    static String lastName(Person person, SplittableRandom random, int missingPerMille) {
        if (chance(random, missingPerMille)) {
            return "";
        }
        String name = chance(random, 40) ? typo(person.lastName(), random) : person.lastName();
        return recase(name, random);
    }

    /** One slip of the keyboard, never on the first letter, as people rarely mistype that. */
    static String typo(String word, SplittableRandom random) {
        if (word.length() < 3) {
            return word;
        }
        int position = 1 + random.nextInt(word.length() - 1);
        StringBuilder text = new StringBuilder(word);
        switch (random.nextInt(4)) {
            case 0 -> text.setCharAt(position, neighbour(word.charAt(position), random));
            case 1 -> {
                if (position < word.length() - 1) {
                    text.setCharAt(position, word.charAt(position + 1));
                    text.setCharAt(position + 1, word.charAt(position));
                } else {
                    text.deleteCharAt(position);
                }
            }
            case 2 -> text.deleteCharAt(position);
            default -> text.insert(position, word.charAt(position));
        }
        return text.toString();
    }

    /**
     * The address a record holds: usually the person's main one, sometimes their other one, with
     * Gmail dots, a plus tag or capitals that still reach the same mailbox.
     */
    static String email(Person person, SplittableRandom random) {
        String address = chance(random, 120) ? person.alternateEmail() : person.primaryEmail();
        return emailVariant(address, random, 250, 60);
    }

    static String emailVariant(String address, SplittableRandom random, int dotPerMille, int plusPerMille) {
        int at = address.indexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        boolean gmail = domain.equals("gmail.com") || domain.equals("googlemail.com");
        if (gmail && chance(random, dotPerMille)) {
            local = local.indexOf('.') >= 0 && random.nextBoolean() ? local.replace(".", "") : withExtraDot(local, random);
        }
        if (supportsPlus(domain) && chance(random, plusPerMille)) {
            local = local + "+" + Vocabulary.PLUS_TAGS[random.nextInt(Vocabulary.PLUS_TAGS.length)];
        }
        if (gmail && chance(random, 100)) {
            domain = domain.equals("gmail.com") ? "googlemail.com" : "gmail.com";
        }
        String result = local + "@" + domain;
        int casing = random.nextInt(1000);
        if (casing < 20) {
            return result.toUpperCase(Locale.ROOT);
        }
        if (casing < 50) {
            return Character.toUpperCase(result.charAt(0)) + result.substring(1);
        }
        return result;
    }

    /**
     * Another address for the same person, for a further shop account: a plus tag where the
     * provider delivers those to the same mailbox, otherwise a new address made by adding a suffix.
     * Generated local parts never contain a hyphen, so the suffix cannot hit another person's address.
     */
    static String extraAccountAddress(String address, int accountNumber, SplittableRandom random) {
        int at = address.indexOf('@');
        String domain = address.substring(at + 1);
        if (supportsPlus(domain)) {
            String tag = Vocabulary.PLUS_TAGS[random.nextInt(Vocabulary.PLUS_TAGS.length)];
            return address.substring(0, at) + "+" + tag + "@" + domain;
        }
        return address.substring(0, at) + "-" + accountNumber + "@" + domain;
    }

    static boolean supportsPlus(String domain) {
        return domain.equals("gmail.com") || domain.equals("googlemail.com") || domain.equals("outlook.com")
                || domain.equals("icloud.com") || domain.equals("hotmail.co.uk");
    }

    static String phone(Person person, SplittableRandom random, int missingPerMille) {
        if (chance(random, missingPerMille)) {
            return "";
        }
        if (chance(random, 5)) {
            return JUNK_PHONE;
        }
        Person.Phone phone = person.phone();
        String subscriber = phone.innerSpace() ? phone.head() + " " + phone.tail() : phone.head() + phone.tail();
        int total = 100;
        return switch (Vocabulary.weightedIndex(PHONE_FORMAT_WEIGHTS, total, random.nextInt(total))) {
            case 0 -> "0" + phone.area() + " " + subscriber;
            case 1 -> "+44 " + phone.area() + " " + subscriber;
            case 2 -> "(0" + phone.area() + ") " + phone.head() + "-" + phone.tail();
            case 3 -> "0" + phone.area() + phone.head() + phone.tail();
            case 4 -> "+44" + phone.area() + phone.head() + phone.tail();
            default -> "0044 " + phone.area() + " " + subscriber;
        };
    }

    static String postcode(Person person, SplittableRandom random) {
        int draw = random.nextInt(1000);
        if (draw < 60) {
            return person.postcode().replace(" ", "");
        }
        if (draw < 100) {
            return person.postcode().toLowerCase(Locale.ROOT);
        }
        return person.postcode();
    }

    private static String recase(String name, SplittableRandom random) {
        int draw = random.nextInt(1000);
        if (draw < 30) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (draw < 50) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static String withExtraDot(String local, SplittableRandom random) {
        String bare = local.replace(".", "");
        if (bare.length() < 2) {
            return bare;
        }
        int position = 1 + random.nextInt(bare.length() - 1);
        return bare.substring(0, position) + "." + bare.substring(position);
    }

    private static char neighbour(char character, SplittableRandom random) {
        char lower = Character.toLowerCase(character);
        int position = KEYBOARD_ROWS.indexOf(lower);
        if (position < 0) {
            return character;
        }
        int offset = random.nextBoolean() ? 1 : -1;
        int candidate = position + offset;
        if (candidate < 0 || candidate >= KEYBOARD_ROWS.length() || KEYBOARD_ROWS.charAt(candidate) == '|') {
            candidate = position - offset;
        }
        char replacement = KEYBOARD_ROWS.charAt(candidate);
        return Character.isUpperCase(character) ? Character.toUpperCase(replacement) : replacement;
    }
}
