package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.activation.destination.SyncRecord;
import dev.ownstack.destinations.http.VendorResponse;
import dev.ownstack.destinations.pii.Pii;
import dev.ownstack.destinations.pii.PiiContext;
import dev.ownstack.destinations.pii.PiiField;
import dev.ownstack.destinations.pii.PiiProfile;
import dev.ownstack.destinations.pii.PiiResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns records into Data Manager {@code AudienceMember}s
 * (https://developers.google.com/data-manager/api/reference/rest/v1/AudienceMember): each record's
 * fields become {@code userData.userIdentifiers}, one {@code emailAddress}, one {@code phoneNumber}
 * and one {@code address} (given and family name, region and postal code, sent only when all four
 * are there), prepared as https://developers.google.com/data-manager/api/get-started/formatting
 * asks: names, email and phone normalised and SHA-256 hex encoded, region and postal code plain.
 * A record with a value that cannot be prepared, or with no identifier at all, is rejected here
 * and never sent. Stateless.
 */
final class AudienceMembers {
    static final String EMAIL = "email";
    static final String PHONE = "phone";
    static final String FIRST_NAME = "first_name";
    static final String LAST_NAME = "last_name";
    static final String COUNTRY = "country";
    static final String POSTAL_CODE = "postal_code";
    static final List<String> FIELDS = List.of(EMAIL, PHONE, FIRST_NAME, LAST_NAME, COUNTRY, POSTAL_CODE);

    /** A record ready to send: its key and its {@code AudienceMember} JSON. */
    record Member(String key, ObjectNode json) {
        Member {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(json, "json");
        }
    }

    /** The records of a batch as members to send, and the records rejected before sending. */
    record Prepared(List<Member> members, List<RecordResult> rejected) {
        Prepared {
            members = List.copyOf(members);
            rejected = List.copyOf(rejected);
        }
    }

    private final PiiContext defaults;

    AudienceMembers(String defaultCountry) {
        this.defaults = new PiiContext(defaultCountry);
    }

    /**
     * @throws DestinationException PERMANENT when records carry fields this destination does not
     *     know: the sync's mapping is wrong, and no record of it could be sent as meant
     */
    Prepared prepare(List<SyncRecord> records, String where) {
        TreeSet<String> unknown = new TreeSet<>();
        for (SyncRecord record : records) {
            for (String field : record.fields().keySet()) {
                if (!FIELDS.contains(field)) {
                    unknown.add(field);
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new DestinationException(ErrorClass.PERMANENT, where + " takes only the fields " + String.join(", ", FIELDS)
                    + "; the sync maps " + String.join(", ", unknown) + " (map them to these names or leave them out)");
        }
        List<Member> members = new ArrayList<>();
        List<RecordResult> rejected = new ArrayList<>();
        for (SyncRecord record : records) {
            List<String> problems = new ArrayList<>();
            Optional<ObjectNode> member = member(record.fields(), problems);
            if (!problems.isEmpty()) {
                rejected.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT, String.join("; ", problems)));
            } else if (member.isEmpty()) {
                rejected.add(RecordResult.rejected(record.key(), ErrorClass.PERMANENT,
                        "no identifier to match: an email, a phone, or first name, last name, country and postal code together"));
            } else {
                members.add(new Member(record.key(), member.get()));
            }
        }
        return new Prepared(members, rejected);
    }

    /** The member for these fields, empty when they hold no identifier; problems collects every value that cannot be sent. */
    Optional<ObjectNode> member(Map<String, Object> fields, List<String> problems) {
        Map<String, PiiResult> prepared = new LinkedHashMap<>();
        PiiResult country = Pii.prepare(PiiProfile.GOOGLE, PiiField.COUNTRY, fields.get(COUNTRY), defaults);
        prepared.put(COUNTRY, country);
        PiiContext context = defaults.forCountry(fields.get(COUNTRY));
        prepared.put(EMAIL, Pii.prepare(PiiProfile.GOOGLE, PiiField.EMAIL, fields.get(EMAIL), context));
        prepared.put(PHONE, Pii.prepare(PiiProfile.GOOGLE, PiiField.PHONE, fields.get(PHONE), context));
        prepared.put(FIRST_NAME, Pii.prepare(PiiProfile.GOOGLE, PiiField.FIRST_NAME, fields.get(FIRST_NAME), context));
        prepared.put(LAST_NAME, Pii.prepare(PiiProfile.GOOGLE, PiiField.LAST_NAME, fields.get(LAST_NAME), context));
        prepared.put(POSTAL_CODE, Pii.prepare(PiiProfile.GOOGLE, PiiField.POSTAL_CODE, fields.get(POSTAL_CODE), context));
        prepared.forEach((field, result) -> result.problem().ifPresent(problem -> problems.add("invalid " + field + ": " + problem)));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode member = VendorResponse.JSON.createObjectNode();
        ArrayNode identifiers = member.putObject("userData").putArray("userIdentifiers");
        prepared.get(EMAIL).value().ifPresent(hash -> identifiers.addObject().put("emailAddress", hash));
        prepared.get(PHONE).value().ifPresent(hash -> identifiers.addObject().put("phoneNumber", hash));
        Optional<String> givenName = prepared.get(FIRST_NAME).value();
        Optional<String> familyName = prepared.get(LAST_NAME).value();
        Optional<String> postalCode = prepared.get(POSTAL_CODE).value();
        // The region is the record's country, else the default one, but only when the record has an address at all.
        String region = country.value().orElse(defaults.defaultCountry());
        if (givenName.isPresent() && familyName.isPresent() && postalCode.isPresent()) {
            ObjectNode address = identifiers.addObject().putObject("address");
            address.put("givenName", givenName.get());
            address.put("familyName", familyName.get());
            address.put("regionCode", region);
            address.put("postalCode", postalCode.get());
        }
        return identifiers.isEmpty() ? Optional.empty() : Optional.of(member);
    }
}
