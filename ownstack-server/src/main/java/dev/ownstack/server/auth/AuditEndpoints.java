package dev.ownstack.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.server.api.ApiJson;
import io.javalin.http.Context;

/**
 * {@code GET /api/audit?limit=50&offset=0&actor=NAME&action=TEXT&outcome=success|failed}: the audit
 * log, newest first, a page at a time, filtered in the warehouse.
 */
public final class AuditEndpoints {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final AuditLog audit;

    public AuditEndpoints(AuditLog audit) {
        this.audit = audit;
    }

    public void list(Context context) {
        int limit = (int) whole(context, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = whole(context, "offset", 0, 0, Long.MAX_VALUE / 2);
        AuditLog.Filter filter = new AuditLog.Filter(text(context, "actor"), text(context, "action"), outcome(context));
        AuditLog.Page page = audit.page(limit, offset, filter);
        ObjectNode body = ApiJson.NODES.objectNode();
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        ArrayNode entries = body.putArray("entries");
        for (AuditEntry entry : page.entries()) {
            ObjectNode item = entries.addObject();
            item.put("at", entry.at().toString());
            item.put("actor", entry.actor());
            item.put("action", entry.action());
            item.put("target", entry.target());
            item.set("detail", entry.detail());
            item.put("outcome", entry.outcome());
        }
        ApiJson.write(context, 200, body);
    }

    private static String text(Context context, String name) {
        String value = context.queryParam(name);
        return value == null ? "" : value.trim();
    }

    private static AuditLog.Outcome outcome(Context context) {
        String value = text(context, "outcome");
        return switch (value) {
            case "" -> AuditLog.Outcome.ANY;
            case "success" -> AuditLog.Outcome.SUCCESS;
            case "failed" -> AuditLog.Outcome.FAILED;
            default -> throw new OwnstackException(ErrorCode.INPUT_INVALID, "outcome: must be success or failed (refused or failed), got '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        };
    }

    private static long whole(Context context, String name, long fallback, long min, long max) {
        String text = context.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, name + ": must be a whole number from " + min + " to " + max + ", got '"
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
}
