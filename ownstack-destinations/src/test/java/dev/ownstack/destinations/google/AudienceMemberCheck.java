package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@code audienceMembers:ingest} or {@code :remove} body the way the Data Manager API
 * documents it (https://developers.google.com/data-manager/api/reference/rest/v1/audienceMembers/ingest,
 * https://developers.google.com/data-manager/api/limits, and the ErrorReason values of
 * https://developers.google.com/data-manager/api/reference/rest/v1/ErrorReason), and reads its
 * members as identifier maps ({@code emailAddress}, {@code phoneNumber}, {@code givenName},
 * {@code familyName}, {@code regionCode}, {@code postalCode}; hashes lower-cased).
 */
final class AudienceMemberCheck {
    static final int MAX_MEMBERS = 10_000;
    static final int MAX_IDENTIFIERS = 10;
    static final int MAX_DESTINATIONS = 10;
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
    private static final Set<String> CONSENT = Set.of("CONSENT_STATUS_UNSPECIFIED", "CONSENT_GRANTED", "CONSENT_DENIED");

    /** The body's problem as Google answers it, or its destinations and members. */
    record Outcome(Optional<DataManagerErrors.Answer> error, List<JsonNode> destinations, List<Map<String, Object>> members) {
    }

    private AudienceMemberCheck() {
    }

    static Outcome check(JsonNode body, boolean ingest, Set<String> refusedEmailHashes) {
        JsonNode destinations = body.path("destinations");
        if (!destinations.isArray() || destinations.isEmpty()) {
            return error("REQUIRED_FIELD_MISSING", "destinations", "Destinations are required.");
        }
        if (destinations.size() > MAX_DESTINATIONS) {
            return error("TOO_MANY_DESTINATIONS", "destinations", "Maximum number of destinations allowed per request is 10.");
        }
        for (int i = 0; i < destinations.size(); i++) {
            JsonNode destination = destinations.get(i);
            if (!destination.path("operatingAccount").path("accountId").isTextual()
                    || !destination.path("operatingAccount").path("accountType").isTextual()) {
                return error("REQUIRED_FIELD_MISSING", "destinations[" + i + "].operating_account", "Operating account is required.");
            }
            if (destination.path("productDestinationId").asText("").isEmpty()) {
                return error("REQUIRED_FIELD_MISSING", "destinations[" + i + "].product_destination_id", "Destination id is required.");
            }
        }
        if (!"HEX".equals(body.path("encoding").asText())) {
            return error("INVALID_ARGUMENT", "encoding", "Encoding must be HEX or BASE64 for UserData uploads; this fake takes HEX.");
        }
        if (ingest && !"ACCEPTED".equals(body.path("termsOfService").path("customerMatchTermsOfServiceStatus").asText())) {
            return error("TERMS_AND_CONDITIONS_NOT_SIGNED", "terms_of_service", "Required terms and conditions are not accepted.");
        }
        if (!ingest && (body.has("consent") || body.has("termsOfService"))) {
            return error("INVALID_ARGUMENT", body.has("consent") ? "consent" : "terms_of_service", "Not a field of RemoveAudienceMembersRequest.");
        }
        for (String consent : List.of("adUserData", "adPersonalization")) {
            JsonNode value = body.path("consent").path(consent);
            if (!value.isMissingNode() && !CONSENT.contains(value.asText())) {
                return error("INVALID_ENUM_VALUE", "consent." + consent, "Enum value cannot be used.");
            }
        }
        JsonNode members = body.path("audienceMembers");
        if (!members.isArray() || members.isEmpty()) {
            return error("REQUIRED_FIELD_MISSING", "audience_members", "Audience members are required.");
        }
        if (members.size() > MAX_MEMBERS) {
            return error("TOO_MANY_AUDIENCE_MEMBERS", "audience_members", "Maximum number of audience members allowed per request is 10,000.");
        }
        List<DataManagerErrors.Violation> violations = new ArrayList<>();
        List<Map<String, Object>> read = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String field = "audience_members.audience_members[" + i + "]";
            Map<String, Object> identifiers = new LinkedHashMap<>();
            Optional<DataManagerErrors.Violation> violation = member(members.get(i), field, identifiers);
            if (violation.isEmpty() && refusedEmailHashes.contains(String.valueOf(identifiers.get("emailAddress")))) {
                violation = Optional.of(new DataManagerErrors.Violation(field, "This audience member is not valid.", "INVALID_AUDIENCE_MEMBER"));
            }
            violation.ifPresent(violations::add);
            read.add(identifiers);
        }
        if (!violations.isEmpty()) {
            return new Outcome(Optional.of(DataManagerErrors.invalidArgument("INVALID_ARGUMENT", violations)), List.of(), List.of());
        }
        List<JsonNode> destinationList = new ArrayList<>();
        destinations.forEach(destinationList::add);
        return new Outcome(Optional.empty(), destinationList, read);
    }

    private static Optional<DataManagerErrors.Violation> member(JsonNode member, String field, Map<String, Object> identifiers) {
        JsonNode list = member.path("userData").path("userIdentifiers");
        if (!list.isArray() || list.isEmpty()) {
            return violation(field + ".user_data.user_identifiers", "At least one identifier is required.", "REQUIRED_FIELD_MISSING");
        }
        if (list.size() > MAX_IDENTIFIERS) {
            return violation(field + ".user_data.user_identifiers", "", "TOO_MANY_USER_IDENTIFIERS");
        }
        for (JsonNode identifier : list) {
            if (identifier.size() != 1) {
                return violation(field + ".user_data.user_identifiers", "Exactly one identifier must be set.", "INVALID_FORMAT");
            }
            for (String hashed : List.of("emailAddress", "phoneNumber")) {
                if (identifier.has(hashed)) {
                    Optional<String> problem = hashProblem(identifier.get(hashed).asText(""));
                    if (problem.isPresent()) {
                        return violation(field + ".user_data.user_identifiers", hashed.equals("emailAddress") && problem.get().equals("INVALID_HEX_ENCODING")
                                ? "Email is not hex encoded." : "", problem.get());
                    }
                    identifiers.put(hashed, identifier.get(hashed).asText().toLowerCase(java.util.Locale.ROOT));
                }
            }
            JsonNode address = identifier.path("address");
            if (address.isObject()) {
                for (String part : List.of("givenName", "familyName")) {
                    Optional<String> problem = hashProblem(address.path(part).asText(""));
                    if (problem.isPresent()) {
                        return violation(field + ".user_data.user_identifiers", "", problem.get());
                    }
                    identifiers.put(part, address.get(part).asText().toLowerCase(java.util.Locale.ROOT));
                }
                String region = address.path("regionCode").asText("");
                if (!REGION.matcher(region).matches()) {
                    return violation(field + ".user_data.user_identifiers", "Region code is not valid.", "INVALID_FORMAT");
                }
                String postal = address.path("postalCode").asText("");
                if (postal.isBlank()) {
                    return violation(field + ".user_data.user_identifiers", "", "INVALID_POSTAL_CODE");
                }
                identifiers.put("regionCode", region);
                identifiers.put("postalCode", postal);
            } else if (!identifier.has("emailAddress") && !identifier.has("phoneNumber")) {
                return violation(field + ".user_data.user_identifiers", "Unknown identifier.", "INVALID_FORMAT");
            }
        }
        return Optional.empty();
    }

    /** Hex-encoded SHA-256: hex digits only, and 32 bytes of them. */
    private static Optional<String> hashProblem(String value) {
        if (value.isEmpty() || !HEX.matcher(value).matches() || value.length() % 2 != 0) {
            return Optional.of("INVALID_HEX_ENCODING");
        }
        return value.length() == 64 ? Optional.empty() : Optional.of("INVALID_SHA256_FORMAT");
    }

    private static Optional<DataManagerErrors.Violation> violation(String field, String description, String reason) {
        return Optional.of(new DataManagerErrors.Violation(field, description, reason));
    }

    private static Outcome error(String reason, String field, String description) {
        return new Outcome(Optional.of(DataManagerErrors.invalidArgument(reason, List.of(new DataManagerErrors.Violation(field, description, reason)))),
                List.of(), List.of());
    }
}
