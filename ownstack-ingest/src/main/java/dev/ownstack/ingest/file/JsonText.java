package dev.ownstack.ingest.file;

import java.util.Objects;

/** A nested JSON value (object or array) as JSON text, bound for a JSON column. */
record JsonText(String text) {
    JsonText {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return text;
    }
}
