package dev.ownstack.destinations.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.destinations.http.VendorResponse;
import java.util.List;

/**
 * The bodies of {@code audienceMembers:ingest}
 * (https://developers.google.com/data-manager/api/reference/rest/v1/audienceMembers/ingest) and
 * {@code audienceMembers:remove}
 * (https://developers.google.com/data-manager/api/reference/rest/v1/audienceMembers/remove) for
 * one Customer Match list. Hashes are hex, so {@code encoding} is {@code HEX}; an ingest says the
 * account accepted the Customer Match terms, which Google requires of every upload to a Customer
 * Match list, and carries the configured request-level consent. Stateless.
 */
final class MemberRequests {
    static final String INGEST_PATH = "/v1/audienceMembers:ingest";
    static final String REMOVE_PATH = "/v1/audienceMembers:remove";
    private static final String UNSPECIFIED = "CONSENT_STATUS_UNSPECIFIED";

    private final GoogleSettings settings;

    MemberRequests(GoogleSettings settings) {
        this.settings = settings;
    }

    /** The path an operation posts to: ingest for {@link Operation#UPSERT}, remove for {@link Operation#REMOVE}. */
    static String path(Operation operation) {
        return switch (operation) {
            case UPSERT -> INGEST_PATH;
            case REMOVE -> REMOVE_PATH;
            case UPDATE -> throw new IllegalArgumentException("a Customer Match list has no update: members are added or removed");
        };
    }

    /** The request adding ({@link Operation#UPSERT}) or removing ({@link Operation#REMOVE}) {@code members} of list {@code userListId}. */
    ObjectNode body(Operation operation, String userListId, List<AudienceMembers.Member> members) {
        ObjectNode body = VendorResponse.JSON.createObjectNode();
        ObjectNode destination = body.putArray("destinations").addObject();
        account(destination.putObject("operatingAccount"), settings.operatingAccountId());
        settings.loginAccountId().ifPresent(login -> account(destination.putObject("loginAccount"), login));
        destination.put("productDestinationId", userListId);
        ArrayNode audienceMembers = body.putArray("audienceMembers");
        members.forEach(member -> audienceMembers.add(member.json()));
        if (operation == Operation.UPSERT) {
            ObjectNode consent = VendorResponse.JSON.createObjectNode();
            if (!settings.adUserData().equals(UNSPECIFIED)) {
                consent.put("adUserData", settings.adUserData());
            }
            if (!settings.adPersonalization().equals(UNSPECIFIED)) {
                consent.put("adPersonalization", settings.adPersonalization());
            }
            if (!consent.isEmpty()) {
                body.set("consent", consent);
            }
            body.putObject("termsOfService").put("customerMatchTermsOfServiceStatus", "ACCEPTED");
        }
        body.put("encoding", "HEX");
        return body;
    }

    private static void account(ObjectNode account, String id) {
        account.put("accountType", "GOOGLE_ADS");
        account.put("accountId", id);
    }
}
