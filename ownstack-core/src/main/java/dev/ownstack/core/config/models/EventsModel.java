package dev.ownstack.core.config.models;

import dev.ownstack.core.table.TableName;
import java.util.Objects;

/**
 * Where {@code model.events} comes from ({@code models.events}): a table with the columns of
 * {@code raw.events} (docs/EVENTS.md), by default {@code raw.events} itself.
 */
public record EventsModel(TableName table) {
    public static final EventsModel DEFAULT = new EventsModel(new TableName(TableName.RAW_SCHEMA, "events"));

    public EventsModel {
        Objects.requireNonNull(table, "table");
    }
}
