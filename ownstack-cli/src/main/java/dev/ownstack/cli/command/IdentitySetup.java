package dev.ownstack.cli.command;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.WarehouseConfig;
import dev.ownstack.core.config.identity.IdentityConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.model.identity.graph.ConnectedComponents;
import dev.ownstack.model.identity.graph.StarComponents;
import dev.ownstack.model.identity.graph.UnionFindComponents;
import java.util.Locale;

/** What the identity commands share: the identity section, and the components algorithm to use. */
final class IdentitySetup {
    private IdentitySetup() {
    }

    static IdentityConfig identity(ProjectConfig config) {
        return config.identity().orElseThrow(() -> new OwnstackException(ErrorCode.CONFIG_INVALID, "ownstack.yml in "
                + config.directory().toAbsolutePath().normalize() + " has no identity: section, which says which keys link which"
                + " records; see docs/CONFIGURATION.md (ownstack init writes an example)"));
    }

    /**
     * {@code auto}: union-find in the JVM on DuckDB (the embedded engine, where reading the edges
     * is cheap), the SQL star algorithm elsewhere, where the work should stay in the warehouse.
     */
    static ConnectedComponents components(String choice, ProjectConfig config) {
        return switch (choice.toLowerCase(Locale.ROOT)) {
            case "auto" -> config.warehouse() instanceof WarehouseConfig.DuckDb ? new UnionFindComponents() : new StarComponents();
            case "union-find" -> new UnionFindComponents();
            case "sql" -> new StarComponents();
            default -> throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--components '" + choice
                    + "' is not an algorithm; use auto, union-find or sql");
        };
    }
}
