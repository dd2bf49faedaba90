package dev.ownstack.server.audiences;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import io.javalin.http.Context;
import java.util.Optional;

/** Whole-number query parameters, checked against their range; a bad one is INPUT_INVALID at its name. */
final class QueryParameters {
    private QueryParameters() {
    }

    static Optional<Long> whole(Context context, String name, long min, long max) {
        String text = context.queryParam(name);
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new OwnstackException(ErrorCode.INPUT_INVALID, name + ": must be a whole number from " + min + " to " + max + ", got '"
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
    }
}
