package dev.ownstack.cli.generate;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Creates the person at an index from the seed alone, so any person can be generated without the
 * ones before it.
 *
 * <p>Every email address carries a number unique to the person, so two generated people never share
 * an address by accident; the only shared addresses are the deliberate junk values of {@link Noise}.
 */
final class PersonFactory {

    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    private static final String[] FOLDED_FIRST_NAMES = fold(Vocabulary.FIRST_NAMES);
    private static final String[] FOLDED_LAST_NAMES = fold(Vocabulary.LAST_NAMES);
    private static final int DOMAIN_WEIGHT_TOTAL = sum(Vocabulary.PERSONAL_DOMAIN_WEIGHTS);

    private final long seed;
    private final IdPermutation emailNumbers;

    PersonFactory(long seed, long customers) {
        this.seed = seed;
        this.emailNumbers = IdPermutation.covering(customers, Seeds.derive(seed, 0, Seeds.Purpose.IDS));
    }

    Person create(long index) {
        SplittableRandom random = Seeds.random(seed, index, Seeds.Purpose.PERSON);
        int first = random.nextInt(Vocabulary.FIRST_NAMES.length);
        int last = random.nextInt(Vocabulary.LAST_NAMES.length);
        long number = emailNumbers.apply(index);
        String primary = emailLocalPart(random, first, last) + number + "@" + personalDomain(random);
        String alternateDomain = personalDomain(random);
        String alternate = emailLocalPart(random, first, last) + (number + emailNumbers.domainSize())
                + "@" + alternateDomain;
        Vocabulary.City city = Vocabulary.CITIES[random.nextInt(Vocabulary.CITIES.length)];
        return new Person(
                index,
                "person-" + index,
                Vocabulary.FIRST_NAMES[first],
                Vocabulary.LAST_NAMES[last],
                primary,
                alternate,
                phone(random, city),
                (1 + random.nextInt(180)) + " " + Vocabulary.STREETS[random.nextInt(Vocabulary.STREETS.length)],
                city,
                postcode(random, city),
                random.nextInt(100) < 25 ? Vocabulary.COMPANIES[random.nextInt(Vocabulary.COMPANIES.length)] : "");
    }

    private static String emailLocalPart(SplittableRandom random, int first, int last) {
        String firstName = FOLDED_FIRST_NAMES[first];
        String lastName = FOLDED_LAST_NAMES[last];
        return switch (random.nextInt(6)) {
            case 0, 1 -> firstName + "." + lastName;
            case 2 -> firstName + lastName;
            case 3 -> firstName.charAt(0) + "." + lastName;
            case 4 -> firstName + "_" + lastName;
            default -> lastName + "." + firstName;
        };
    }

    private static String personalDomain(SplittableRandom random) {
        int draw = random.nextInt(DOMAIN_WEIGHT_TOTAL);
        return Vocabulary.PERSONAL_DOMAINS[Vocabulary.weightedIndex(Vocabulary.PERSONAL_DOMAIN_WEIGHTS, DOMAIN_WEIGHT_TOTAL, draw)];
    }

    private static Person.Phone phone(SplittableRandom random, Vocabulary.City city) {
        if (random.nextInt(100) < 70) {
            String area = "7" + (1 + random.nextInt(9)) + digits(random, 2);
            return new Person.Phone(area, digits(random, 3), digits(random, 3), false);
        }
        String area = city.diallingCode();
        int subscriberLength = 10 - area.length();
        return switch (subscriberLength) {
            case 8 -> new Person.Phone(area, (2 + random.nextInt(7)) + digits(random, 3), digits(random, 4), true);
            case 7 -> new Person.Phone(area, (2 + random.nextInt(7)) + digits(random, 2), digits(random, 4), true);
            default -> new Person.Phone(area, (2 + random.nextInt(7)) + digits(random, 2), digits(random, 3), false);
        };
    }

    private static String postcode(SplittableRandom random, Vocabulary.City city) {
        return city.postcodeArea() + (1 + random.nextInt(20)) + " " + random.nextInt(10)
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()))
                + POSTCODE_LETTERS.charAt(random.nextInt(POSTCODE_LETTERS.length()));
    }

    private static String digits(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int index = 0; index < count; index++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    /** Mail addresses are ASCII in practice: "Zoë Ó Súilleabháin" becomes zoe and osuilleabhain. */
    private static String[] fold(String[] names) {
        String[] folded = new String[names.length];
        for (int index = 0; index < names.length; index++) {
            String decomposed = Normalizer.normalize(names[index], Normalizer.Form.NFD)
                    .replace("Ł", "L").replace("ł", "l").replace("ø", "o").replace("Ø", "O");
            folded[index] = decomposed.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        }
        return folded;
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }
}
