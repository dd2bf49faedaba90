package dev.ownstack.cli.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Writes the person's records in the three contact sources (CRM, shop, newsletter) and the truth
 * rows that tie each record to the person.
 *
 * <p>Which sources hold a person, and how many records each, is drawn per person; every record,
 * the first included, is a noisy copy made by {@link Noise}, so no source holds the clean truth.
 */
final class ContactSources {

    static final String CRM_SOURCE = "crm_contacts";
    static final String SHOP_SOURCE = "shop_customers";
    static final String NEWSLETTER_SOURCE = "newsletter_signups";

    /** Per mille of people in each source, and how many records a person there has (per mille for 1, 2, 3). */
    static final int CRM_PER_MILLE = 550;
    static final int[] CRM_RECORD_COUNT_PER_MILLE = {800, 160, 40};
    static final int SHOP_PER_MILLE = 650;
    static final int[] SHOP_ACCOUNT_COUNT_PER_MILLE = {850, 120, 30};
    static final int NEWSLETTER_PER_MILLE = 400;
    static final int[] NEWSLETTER_SIGNUP_COUNT_PER_MILLE = {880, 120, 0};

    private static final String[] CRM_COUNTRIES = {"United Kingdom", "UK", "GB", "England", ""};
    private static final int[] CRM_COUNTRY_WEIGHTS = {700, 150, 100, 20, 30};
    private static final String[] SIGNUP_SOURCES = {"footer", "checkout", "popup", "competition", "import"};

    /** How many records the person has in each source; at least one record overall. */
    record Presence(int crmRecords, int shopAccounts, int newsletterSignups) {

        static Presence draw(SplittableRandom random) {
            int crm = countIn(random, CRM_PER_MILLE, CRM_RECORD_COUNT_PER_MILLE);
            int shop = countIn(random, SHOP_PER_MILLE, SHOP_ACCOUNT_COUNT_PER_MILLE);
            int newsletter = countIn(random, NEWSLETTER_PER_MILLE, NEWSLETTER_SIGNUP_COUNT_PER_MILLE);
            // Someone in no source would not exist for the business; the CRM is where such leads end up.
            return crm + shop + newsletter == 0 ? new Presence(1, 0, 0) : new Presence(crm, shop, newsletter);
        }

        private static int countIn(SplittableRandom random, int presentPerMille, int[] countPerMille) {
            if (!Noise.chance(random, presentPerMille)) {
                return 0;
            }
            return 1 + Vocabulary.weightedIndex(countPerMille, 1000, random.nextInt(1000));
        }
    }

    /** A shop account as the orders and events of the person see it. */
    record ShopAccount(String customerId, String email, String firstName, String lastName, long createdAt) {

        ShopAccount {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(firstName, "firstName");
            Objects.requireNonNull(lastName, "lastName");
        }
    }

    private final RecordIds ids;

    ContactSources(RecordIds ids) {
        this.ids = ids;
    }

    List<ShopAccount> write(Person person, Presence presence, List<Order> orders, SplittableRandom random,
            OutputFiles files) {
        writeCrm(person, presence.crmRecords(), random, files);
        List<ShopAccount> accounts = writeShop(person, presence.shopAccounts(), orders, random, files);
        writeNewsletter(person, presence.newsletterSignups(), random, files);
        return accounts;
    }

    private void writeCrm(Person person, int records, SplittableRandom random, OutputFiles files) {
        for (int slot = 0; slot < records; slot++) {
            String id = ids.crmContactId(person.index(), slot);
            String email = Noise.chance(random, 5) ? Noise.JUNK_EMAIL
                    : Noise.chance(random, 80) ? "" : Noise.email(person, random);
            long createdAt = randomInstant(random);
            files.crmContacts.start()
                    .text(id)
                    .text(Noise.firstName(person, random, 20))
                    .text(Noise.lastName(person, random, 20))
                    .text(email)
                    .text(Noise.phone(person, random, 250))
                    .text(Noise.chance(random, 300) ? "" : person.company())
                    .text(Noise.chance(random, 300) ? "" : person.streetAddress())
                    .text(city(person, random))
                    .text(Noise.chance(random, 100) ? "" : Noise.postcode(person, random))
                    .text(CRM_COUNTRIES[Vocabulary.weightedIndex(CRM_COUNTRY_WEIGHTS, 1000, random.nextInt(1000))])
                    .timestamp(createdAt)
                    .text(Noise.chance(random, 50) ? Vocabulary.CRM_NOTES[random.nextInt(Vocabulary.CRM_NOTES.length)] : "")
                    .end();
            files.truth(CRM_SOURCE, id, person);
        }
    }

    private List<ShopAccount> writeShop(Person person, int accountCount, List<Order> orders, SplittableRandom random,
            OutputFiles files) {
        List<ShopAccount> accounts = new ArrayList<>(accountCount);
        List<String> usedEmails = new ArrayList<>(accountCount);
        for (int slot = 0; slot < accountCount; slot++) {
            String id = ids.shopCustomerId(person.index(), slot);
            String email = accountEmail(person, usedEmails, random);
            usedEmails.add(email.toLowerCase(Locale.ROOT));
            String firstName = Noise.firstName(person, random, 10);
            String lastName = Noise.lastName(person, random, 10);
            long createdAt = accountCreatedAt(slot, orders, random);
            files.shopCustomers.start()
                    .text(id)
                    .text(email)
                    .text(firstName)
                    .text(lastName)
                    .text(Noise.phone(person, random, 400))
                    .bool(Noise.chance(random, 400))
                    .text(Noise.chance(random, 150) ? "" : person.streetAddress())
                    .text(person.city().name())
                    .text(Noise.postcode(person, random))
                    .text("GB")
                    .timestamp(createdAt)
                    .end();
            files.truth(SHOP_SOURCE, id, person);
            accounts.add(new ShopAccount(id, email, firstName, lastName, createdAt));
        }
        return accounts;
    }

    /**
     * A shop allows one account per address, so a person's further accounts use their other address,
     * a plus-tagged variant of the same mailbox or a new address, the way people make second accounts.
     */
    private static String accountEmail(Person person, List<String> usedEmails, SplittableRandom random) {
        int accountNumber = usedEmails.size() + 1;
        String[] candidates = {
            Noise.emailVariant(person.primaryEmail(), random, 150, 40),
            Noise.emailVariant(person.alternateEmail(), random, 150, 40),
            Noise.extraAccountAddress(person.primaryEmail(), accountNumber, random),
            Noise.extraAccountAddress(person.alternateEmail(), accountNumber, random)};
        for (String candidate : candidates) {
            if (!usedEmails.contains(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        String primary = person.primaryEmail();
        int at = primary.indexOf('@');
        return primary.substring(0, at) + "-" + accountNumber + "-" + usedEmails.size() + primary.substring(at);
    }

    private void writeNewsletter(Person person, int signups, SplittableRandom random, OutputFiles files) {
        String previousEmail = "";
        for (int slot = 0; slot < signups; slot++) {
            String id = ids.newsletterId(person.index(), slot);
            String email = Noise.chance(random, 3) ? Noise.JUNK_EMAIL : Noise.email(person, random);
            if (email.equalsIgnoreCase(previousEmail)) {
                email = person.alternateEmail();
            }
            previousEmail = email;
            long subscribedAt = randomInstant(random);
            int statusDraw = random.nextInt(100);
            JsonLine line = files.newsletterSignups.start()
                    .text("id", id)
                    .text("email_address", email)
                    .text("status", statusDraw < 80 ? "subscribed" : statusDraw < 95 ? "unsubscribed" : "cleaned")
                    .startObject("merge_fields")
                    .optionalText("FNAME", Noise.firstName(person, random, 300))
                    .optionalText("LNAME", Noise.lastName(person, random, 450))
                    .endObject()
                    .text("source", SIGNUP_SOURCES[random.nextInt(SIGNUP_SOURCES.length)])
                    .timestamp("timestamp_signup", subscribedAt);
            if (statusDraw >= 80 && statusDraw < 95) {
                long remaining = ReferenceWindow.END_MILLIS - subscribedAt;
                line.timestamp("unsubscribed_at", subscribedAt + (long) (random.nextDouble() * remaining));
            }
            line.end();
            files.truth(NEWSLETTER_SOURCE, id, person);
        }
    }

    private static String city(Person person, SplittableRandom random) {
        int draw = random.nextInt(1000);
        if (draw < 50) {
            return "";
        }
        return draw < 80 ? person.city().name().toUpperCase(Locale.ROOT) : person.city().name();
    }

    /** Accounts are opened shortly before their first order, or at any time when they never ordered. */
    private static long accountCreatedAt(int slot, List<Order> orders, SplittableRandom random) {
        for (Order order : orders) {
            if (order.accountIndex() == slot) {
                long before = ReferenceWindow.MILLIS_PER_MINUTE * 5
                        + random.nextLong(14 * ReferenceWindow.MILLIS_PER_DAY);
                return Math.max(ReferenceWindow.START_MILLIS, order.orderedAt() - before);
            }
        }
        return randomInstant(random);
    }

    static long randomInstant(SplittableRandom random) {
        return ReferenceWindow.START_MILLIS + random.nextLong(ReferenceWindow.lengthMillis());
    }
}
