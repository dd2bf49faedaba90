package dev.ownstack.destinations.google;

import dev.ownstack.activation.destination.BatchResult;
import dev.ownstack.activation.destination.CheckResult;
import dev.ownstack.activation.destination.Destination;
import dev.ownstack.activation.destination.DestinationException;
import dev.ownstack.activation.destination.ErrorClass;
import dev.ownstack.activation.destination.Operation;
import dev.ownstack.activation.destination.RecordBatch;
import dev.ownstack.activation.destination.RecordResult;
import dev.ownstack.destinations.http.VendorHttp;
import dev.ownstack.destinations.http.VendorResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a batch's people to the sync's Customer Match list with one {@code audienceMembers:ingest}
 * request, or removes them with one {@code audienceMembers:remove}, through the Data Manager API.
 * Records whose values cannot be prepared are rejected before sending. When Google refuses the
 * request for some members only (400 {@code INVALID_ARGUMENT} whose field violations each name an
 * {@code audience_members[i]}), nothing of it was applied: those members are rejected with
 * Google's reason and the rest sent again. Thread-safe: one HTTP client, one token cache and one
 * list cache serve every thread.
 */
final class GoogleCustomerMatchDestination implements Destination {
    /** Each round drops at least one refused member; past this many the batch is given up as a whole. */
    private static final int MAX_ROUNDS = 3;

    private final GoogleSettings settings;
    private final Clock clock;
    private final DataManagerClient client;
    private final UserLists userLists;
    private final AudienceMembers audienceMembers;
    private final MemberRequests requests;

    GoogleCustomerMatchDestination(GoogleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        VendorHttp http = new VendorHttp("google-customer-match " + settings.name() + " at " + settings.endpoint(), settings.timeout(), clock);
        this.client = new DataManagerClient(settings, http, new GoogleOAuth(settings, http));
        this.userLists = new UserLists(settings, client, clock);
        this.audienceMembers = new AudienceMembers(settings.defaultCountry());
        this.requests = new MemberRequests(settings);
    }

    /** Refreshes a token and reads the pinned list, or the operating account's lists: proves credentials and access. */
    @Override
    public CheckResult check() {
        try {
            String account = "Google Ads account " + settings.operatingAccountId();
            if (settings.userListId().isPresent()) {
                String id = settings.userListId().get();
                return CheckResult.ok(client.where() + ": " + account + " has the Customer Match list " + id + " ('"
                        + userLists.displayName(id) + "')");
            }
            userLists.firstPageSize();
            return CheckResult.ok(client.where() + ": " + account + " answers; each sync fills the Customer Match list named after it");
        } catch (DestinationException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public BatchResult write(RecordBatch batch) {
        if (batch.operation() == Operation.UPDATE) {
            throw new DestinationException(ErrorClass.PERMANENT, client.where() + ": a Customer Match list has no update, only add and remove");
        }
        AudienceMembers.Prepared prepared = audienceMembers.prepare(batch.records(), client.where());
        List<RecordResult> results = new ArrayList<>(prepared.rejected());
        List<AudienceMembers.Member> sending = new ArrayList<>(prepared.members());
        long received = 0;
        if (!sending.isEmpty()) {
            // Found or created by the first batch that needs it (parallel batches wait for it), and so retried with that batch.
            String listId = userLists.idFor(batch.run().sync());
            for (int round = 1; ; round++) {
                VendorResponse response = client.post(MemberRequests.path(batch.operation()),
                        requests.body(batch.operation(), listId, sending));
                if (response.successful()) {
                    sending.forEach(member -> results.add(RecordResult.accepted(member.key())));
                    received = sending.size();
                    break;
                }
                GoogleStatus status = GoogleStatus.of(response);
                Map<Integer, String> refused = status.refusedMembers();
                if (refused.isEmpty() || round == MAX_ROUNDS || refused.keySet().stream().anyMatch(index -> index >= sending.size())) {
                    throw status.exception(client.where(), response, clock.instant());
                }
                List<AudienceMembers.Member> rest = new ArrayList<>();
                for (int index = 0; index < sending.size(); index++) {
                    String why = refused.get(index);
                    if (why == null) {
                        rest.add(sending.get(index));
                    } else {
                        results.add(RecordResult.rejected(sending.get(index).key(), ErrorClass.PERMANENT, why));
                    }
                }
                sending.clear();
                sending.addAll(rest);
                if (sending.isEmpty()) {
                    break;
                }
            }
        }
        return new BatchResult(results, received > 0 ? Map.of("received", received) : Map.of());
    }

    @Override
    public String toString() {
        return "GoogleCustomerMatchDestination[" + settings.name() + ", account " + settings.operatingAccountId() + "]";
    }
}
