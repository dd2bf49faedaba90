package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The duplicate model of docs/GENERATOR.md, checked on the sample. Expected shares follow from the
 * presence rates in {@link ContactSources}; the tolerance is about four standard errors at 3,000 people.
 */
class DuplicatesTest {

    /** 1 - P(exactly one source), with the people in no source moved to the CRM. */
    private static final double EXPECTED_SHARE_IN_SEVERAL_SOURCES = 0.5515;
    /** 0.55 * 1.24 + 0.0945 (CRM) + 0.65 * 1.18 (shop) + 0.40 * 1.12 (newsletter). */
    private static final double EXPECTED_CONTACT_RECORDS_PER_PERSON = 1.9915;

    private static Map<String, Set<String>> sourcesByPerson;
    private static Map<String, Integer> contactRecordsByPerson;
    private static List<String> emails;
    private static List<String> phones;

    @BeforeAll
    static void read() {
        sourcesByPerson = new HashMap<>();
        contactRecordsByPerson = new HashMap<>();
        for (List<String> row : SampleData.csv(OutputFiles.TRUTH).rows()) {
            String source = row.get(0);
            if (source.startsWith("events.")) {
                continue;
            }
            sourcesByPerson.computeIfAbsent(row.get(2), person -> new HashSet<>()).add(source);
            contactRecordsByPerson.merge(row.get(2), 1, Integer::sum);
        }
        CsvTable crm = SampleData.csv(OutputFiles.CRM_CONTACTS);
        CsvTable shop = SampleData.csv(OutputFiles.SHOP_CUSTOMERS);
        emails = Stream.of(crm.column("email"), shop.column("email"),
                SampleData.jsonLines(OutputFiles.NEWSLETTER_SIGNUPS).map(signup -> signup.get("email_address").asText())
                        .toList())
                .flatMap(List::stream).filter(email -> !email.isEmpty()).toList();
        phones = Stream.of(crm.column("phone"), shop.column("phone")).flatMap(List::stream)
                .filter(phone -> !phone.isEmpty()).toList();
    }

    @Test
    void about_the_documented_share_of_people_are_in_several_sources() {
        long several = sourcesByPerson.values().stream().filter(sources -> sources.size() > 1).count();
        assertEquals(EXPECTED_SHARE_IN_SEVERAL_SOURCES, several / (double) SampleData.CUSTOMERS, 0.04);
    }

    @Test
    void people_have_about_two_contact_records_on_average() {
        double records = contactRecordsByPerson.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(EXPECTED_CONTACT_RECORDS_PER_PERSON, records / SampleData.CUSTOMERS, 0.06);
    }

    @Test
    void some_people_have_several_records_in_one_source() {
        Map<String, Integer> crmRecords = new HashMap<>();
        for (List<String> row : SampleData.csv(OutputFiles.TRUTH).rows()) {
            if (row.get(0).equals(ContactSources.CRM_SOURCE)) {
                crmRecords.merge(row.get(2), 1, Integer::sum);
            }
        }
        long duplicated = crmRecords.values().stream().filter(count -> count > 1).count();
        // 0.55 * 0.20 of all people have two or three CRM records.
        assertEquals(0.11, duplicated / (double) SampleData.CUSTOMERS, 0.03);
    }

    @Test
    void emails_include_gmail_dot_and_plus_variants_and_capitals() {
        assertTrue(count(emails, email -> email.contains("+") && email.toLowerCase(Locale.ROOT).contains("@gmail.com")) > 10);
        assertTrue(count(emails, email -> email.contains("@googlemail.com")) > 10);
        assertTrue(count(emails, email -> !email.equals(email.toLowerCase(Locale.ROOT))) > 10);
    }

    @Test
    void junk_values_appear_at_a_low_rate() {
        long junkEmails = count(emails, Noise.JUNK_EMAIL::equals);
        long junkPhones = count(phones, Noise.JUNK_PHONE::equals);
        assertTrue(junkEmails > 0 && junkEmails < emails.size() / 50, "junk emails " + junkEmails);
        assertTrue(junkPhones > 0 && junkPhones < phones.size() / 50, "junk phones " + junkPhones);
    }

    @Test
    void phone_numbers_come_in_every_documented_format() {
        assertTrue(count(phones, phone -> phone.matches("\\+44 \\d{2,4} \\d{3,4}( ?\\d{3,4})?")) > 0, "+44 spaced");
        assertTrue(count(phones, phone -> phone.matches("0\\d{2,4} \\d{3,4}( ?\\d{3,4})?")) > 0, "national spaced");
        assertTrue(count(phones, phone -> phone.matches("\\(0\\d{2,4}\\) \\d{3,4}-\\d{3,4}")) > 0, "brackets");
        assertTrue(count(phones, phone -> phone.matches("0\\d{10}")) > 0, "digits only");
        assertTrue(count(phones, phone -> phone.matches("\\+44\\d{10}")) > 0, "E.164");
        assertTrue(count(phones, phone -> phone.matches("0044 .*")) > 0, "0044");
    }

    @Test
    void the_same_person_shows_up_with_a_different_spelling_of_their_name() {
        Map<String, Set<String>> lastNamesByPerson = new HashMap<>();
        CsvTable crm = SampleData.csv(OutputFiles.CRM_CONTACTS);
        Map<String, String> personByContact = new HashMap<>();
        for (List<String> row : SampleData.csv(OutputFiles.TRUTH).rows()) {
            personByContact.put(row.get(1), row.get(2));
        }
        for (List<String> row : crm.rows()) {
            String lastName = crm.value(row, "last_name");
            if (!lastName.isEmpty()) {
                lastNamesByPerson.computeIfAbsent(personByContact.get(crm.value(row, "contact_id")),
                        person -> new HashSet<>()).add(lastName);
            }
        }
        assertTrue(lastNamesByPerson.values().stream().filter(names -> names.size() > 1).count() > 5);
    }

    @Test
    void no_two_people_share_a_mailbox_except_through_junk_values() {
        Map<String, String> personByRecord = new HashMap<>();
        for (List<String> row : SampleData.csv(OutputFiles.TRUTH).rows()) {
            personByRecord.put(row.get(0) + "/" + row.get(1), row.get(2));
        }
        Map<String, Set<String>> personsByMailbox = new HashMap<>();
        CsvTable crm = SampleData.csv(OutputFiles.CRM_CONTACTS);
        for (List<String> row : crm.rows()) {
            addMailbox(personsByMailbox, crm.value(row, "email"),
                    personByRecord.get(ContactSources.CRM_SOURCE + "/" + crm.value(row, "contact_id")));
        }
        CsvTable shop = SampleData.csv(OutputFiles.SHOP_CUSTOMERS);
        for (List<String> row : shop.rows()) {
            addMailbox(personsByMailbox, shop.value(row, "email"),
                    personByRecord.get(ContactSources.SHOP_SOURCE + "/" + shop.value(row, "customer_id")));
        }
        SampleData.jsonLines(OutputFiles.NEWSLETTER_SIGNUPS).forEach(signup -> addMailbox(personsByMailbox,
                signup.get("email_address").asText(),
                personByRecord.get(ContactSources.NEWSLETTER_SOURCE + "/" + signup.get("id").asText())));
        personsByMailbox.forEach((mailbox, persons) -> assertTrue(
                persons.size() == 1 || mailbox.equals(Noise.JUNK_EMAIL), mailbox + " shared by " + persons));
        assertTrue(personsByMailbox.get(Noise.JUNK_EMAIL).size() > 1);
    }

    @Test
    void shop_accounts_have_distinct_addresses() {
        List<String> addresses = SampleData.csv(OutputFiles.SHOP_CUSTOMERS).column("email").stream()
                .map(email -> email.toLowerCase(Locale.ROOT)).toList();
        assertEquals(addresses.size(), new HashSet<>(addresses).size());
    }

    /** The mailbox an address reaches: Gmail ignores dots, the domain alias and plus tags, as do others for tags. */
    private static void addMailbox(Map<String, Set<String>> personsByMailbox, String email, String person) {
        if (email.isEmpty()) {
            return;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("googlemail.com") || domain.equals("gmail.com")) {
            domain = "gmail.com";
            local = local.replace(".", "");
        }
        personsByMailbox.computeIfAbsent(local + "@" + domain, key -> new HashSet<>()).add(person);
    }

    private static long count(List<String> values, Predicate<String> test) {
        return values.stream().filter(test).count();
    }
}
