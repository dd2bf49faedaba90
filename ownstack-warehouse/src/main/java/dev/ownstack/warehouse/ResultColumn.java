package dev.ownstack.warehouse;

import java.util.Objects;

/** A column of a query result: its label and the engine's type name. */
public record ResultColumn(String name, String engineType) {
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engineType, "engineType");
    }
}
