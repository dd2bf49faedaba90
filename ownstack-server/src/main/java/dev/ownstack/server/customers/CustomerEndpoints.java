package dev.ownstack.server.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import dev.ownstack.warehouse.Warehouse;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The handlers of {@code /api/customers}: search by any key, and one customer's profile (the
 * customer 360). The warehouse is opened per request and closed after it. Viewers may call both:
 * customer data is what the app shows; the project's secrets are never part of it.
 */
public final class CustomerEndpoints {
    private final Supplier<Warehouse> warehouses;
    private final CustomerSearch search;
    private final CustomerProfile profile;

    public CustomerEndpoints(Supplier<Warehouse> warehouses, CustomerSearch search, CustomerProfile profile) {
        this.warehouses = Objects.requireNonNull(warehouses, "warehouses");
        this.search = Objects.requireNonNull(search, "search");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** {@code GET /api/customers?q=VALUE}: {@code {"query": ..., "customers": [{"customer_id", "name", "email", "matched_key", "matched_value"}]}}. */
    public void search(Context context) {
        String query = context.queryParam("q");
        if (query == null) {
            throw new OwnstackException(ErrorCode.INPUT_INVALID, "q: missing; give a customer id, email, phone number, user id,"
                    + " anonymous id or the start of a name");
        }
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("query", query.strip());
        ArrayNode list = body.putArray("customers");
        try (Warehouse warehouse = warehouses.get()) {
            for (CustomerSearch.Match match : search.search(warehouse, query)) {
                ObjectNode item = list.addObject().put("customer_id", match.customerId());
                item.set("name", match.name().isBlank() ? ApiJson.NODES.nullNode() : ApiJson.NODES.textNode(match.name()));
                item.set("email", match.email().isBlank() ? ApiJson.NODES.nullNode() : ApiJson.NODES.textNode(match.email()));
                item.put("matched_key", match.matchedKey()).put("matched_value", match.matchedValue());
            }
        }
        ApiJson.write(context, 200, body);
    }

    /** {@code GET /api/customers/{id}?limit=20}: the profile; 404 naming the id when no customer has it. */
    public void get(Context context) {
        String id = context.pathParam("id");
        int limit = limit(context.queryParam("limit"));
        ObjectNode body;
        try (Warehouse warehouse = warehouses.get()) {
            body = profile.read(warehouse, id, limit);
        }
        ApiJson.write(context, 200, body);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return CustomerProfile.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= CustomerProfile.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, "limit: must be a whole number from 1 to " + CustomerProfile.MAX_LIMIT
                + ", got '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
}
