package dev.ownstack.activation.audience.store;

import dev.ownstack.activation.audience.AudienceCompiler;
import dev.ownstack.activation.audience.ModelCatalog;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.warehouse.SqlDialect;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What rules are compiled against besides the other audiences: the model catalog, the engine,
 * and the moment time windows count back from ({@code models.as-of}, else now).
 */
public record CompileContext(ModelCatalog catalog, SqlDialect dialect, Instant asOf) {
    public CompileContext {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(asOf, "asOf");
    }

    public CompileContext withDialect(SqlDialect other) {
        return new CompileContext(catalog, other, asOf);
    }

    public AudienceCompiler compiler(Function<String, Optional<AudienceDefinition>> audiences) {
        return new AudienceCompiler(catalog, dialect, audiences, asOf);
    }
}
