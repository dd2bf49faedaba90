package dev.ownstack.cli.command;

import dev.ownstack.activation.audience.CompiledAudience;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.activation.audience.history.MembershipHistory;
import dev.ownstack.activation.audience.store.AudienceStore;
import dev.ownstack.activation.audience.store.CompileContext;
import dev.ownstack.activation.audience.store.StoredAudience;
import dev.ownstack.cli.ProjectOption;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.models.ModelsConfig;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.Column;
import dev.ownstack.warehouse.SqlDialect;
import dev.ownstack.warehouse.SqlDialects;
import dev.ownstack.warehouse.Warehouse;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the audience commands share: the project's warehouse, its audiences ({@code ownstack.yml}
 * and {@code ownstack.audiences}), and what rules compile against (the catalog, read on first use,
 * and the as-of time: {@code models.as-of}, else now). One per command; closing it closes the
 * warehouse it opened.
 */
final class AudienceSession implements AutoCloseable {
    private final ProjectConfig config;
    private final Warehouse warehouse;
    private final Clock clock;
    private final boolean ownsWarehouse;
    private final AudienceStore store;
    private CompileContext context;

    private AudienceSession(ProjectConfig config, Warehouse warehouse, Clock clock, boolean ownsWarehouse) {
        this.config = config;
        this.warehouse = warehouse;
        this.clock = clock;
        this.ownsWarehouse = ownsWarehouse;
        this.store = new AudienceStore(warehouse, config.audiences(), clock);
    }

    /** Opens the project's warehouse, and closes it with the session. */
    static AudienceSession open(ProjectConfig config, PrintWriter err) {
        return new AudienceSession(config, ProjectOption.openWarehouse(config, err), Clock.systemUTC(), true);
    }

    /** Works on a warehouse the caller has open and closes itself. */
    static AudienceSession over(ProjectConfig config, Warehouse warehouse) {
        return new AudienceSession(config, warehouse, Clock.systemUTC(), false);
    }

    Warehouse warehouse() {
        return warehouse;
    }

    AudienceStore store() {
        return store;
    }

    MembershipHistory history() {
        return new MembershipHistory(warehouse, clock);
    }

    /** The catalog, the project's engine and the as-of time; the catalog is read once. */
    CompileContext context() {
        if (context == null) {
            context = new CompileContext(ModelCatalog.read(warehouse), warehouse.dialect(), asOf());
        }
        return context;
    }

    /** {@code models.as-of} when the project fixes it (generated data), else now. */
    Instant asOf() {
        return config.models().flatMap(ModelsConfig::asOf).orElseGet(clock::instant);
    }

    /** The audience's members query for the project's engine; NOT_FOUND for an unknown audience. */
    CompiledAudience compile(String name) {
        StoredAudience audience = store.get(name);
        return store.compiler(context()).compile(audience.definition());
    }

    /**
     * The traits named by {@code option}: columns of {@code model.customers} or score traits
     * (columns of {@code model.customer_scores}); ARGUMENT_INVALID naming the option and the value
     * for a trait there is not.
     */
    List<ModelCatalog.Trait> traits(List<String> names, String option) {
        ModelCatalog catalog = context().catalog();
        List<ModelCatalog.Trait> traits = new ArrayList<>();
        for (String name : names) {
            Optional<ModelCatalog.Trait> trait = catalog.trait(name);
            if (trait.isEmpty()) {
                List<String> all = catalog.customerColumns().stream().map(Column::name).toList();
                String scores = catalog.visibleScoreTraits().isEmpty() ? "" : "; model.customer_scores has "
                        + String.join(", ", catalog.visibleScoreTraits().stream().map(score -> score.name() + score.origin()).toList());
                throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, option + " '" + name + "': model.customers has no such column; "
                        + (all.isEmpty() ? "there is no model.customers yet (run ownstack build)" : "it has " + String.join(", ", all)) + scores);
            }
            traits.add(trait.get());
        }
        return traits;
    }

    /** The dialect of that name for {@code --dialect}, or ARGUMENT_INVALID naming the value and the choices. */
    static SqlDialect dialect(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return SqlDialects.all().stream().filter(dialect -> dialect.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new OwnstackException(ErrorCode.ARGUMENT_INVALID, "--dialect '" + name + "' is not a dialect; use "
                        + String.join(", ", SqlDialects.names())));
    }

    /** ARGUMENT_INVALID unless {@code value} lies from {@code min} to {@code max}. */
    static int checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, option + " " + value + ": must be from " + min + " to " + max);
        }
        return value;
    }

    /** ARGUMENT_INVALID unless {@code value} is at least 1. */
    static int checkPositive(String option, int value) {
        if (value < 1) {
            throw new OwnstackException(ErrorCode.ARGUMENT_INVALID, option + " " + value + ": must be at least 1");
        }
        return value;
    }

    @Override
    public void close() {
        if (ownsWarehouse) {
            warehouse.close();
        }
    }
}
