package dev.ownstack.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the module arrows of docs/ARCHITECTURE.md pointing one way: cli -> server -> ingest -> warehouse -> core,
 * with model (identity resolution, master models) and activation (audiences, syncs) used by server and cli and using
 * warehouse and core, and destinations (connectors) using only activation's destination SPI and core. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ownstack");

    @Test
    void layers_depend_only_downwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.ownstack.cli..")
                .layer("server").definedBy("dev.ownstack.server..")
                .layer("ingest").definedBy("dev.ownstack.ingest..")
                .layer("model").definedBy("dev.ownstack.model..")
                .layer("activation").definedBy("dev.ownstack.activation..")
                .layer("destinations").definedBy("dev.ownstack.destinations..")
                .layer("insights").definedBy("dev.ownstack.insights..")
                .layer("warehouse").definedBy("dev.ownstack.warehouse..")
                .layer("core").definedBy("dev.ownstack.core..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("ingest").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("model").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("destinations").mayNotBeAccessedByAnyLayer()
                .whereLayer("insights").mayOnlyBeAccessedByLayers("server", "cli")
                .whereLayer("activation").mayOnlyBeAccessedByLayers("destinations", "server", "cli")
                .whereLayer("warehouse").mayOnlyBeAccessedByLayers("ingest", "model", "activation", "insights", "server", "cli")
                .whereLayer("core").mayOnlyBeAccessedByLayers("warehouse", "ingest", "model", "activation", "insights", "destinations", "server",
                        "cli")
                .because("each layer builds on the ones below it; move shared code down into the lower module instead of importing upwards")
                .check(CLASSES);
    }

    @Test
    void destinations_use_only_the_spi() {
        noClasses().that().resideInAPackage("dev.ownstack.destinations..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ownstack.warehouse..", "dev.ownstack.model..",
                        "dev.ownstack.ingest..", "dev.ownstack.activation.audience..", "dev.ownstack.activation.sync..")
                .because("connectors plug into the destination SPI (dev.ownstack.activation.destination) and know nothing else;"
                        + " the sync engine finds them with ServiceLoader")
                .check(CLASSES);
    }

    @Test
    void only_the_server_module_speaks_http() {
        noClasses().that().resideOutsideOfPackage("dev.ownstack.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
                .because("routes and HTTP handling live in ownstack-server; other modules offer plain Java APIs it calls")
                .check(CLASSES);
    }

    @Test
    void core_does_no_database_io() {
        noClasses().that().resideInAPackage("dev.ownstack.core..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.duckdb..", "org.postgresql..")
                .because("core holds configuration and domain records only; database access belongs in ownstack-warehouse")
                .check(CLASSES);
    }

    @Test
    void only_the_warehouse_module_talks_to_engine_drivers() {
        noClasses().that().resideOutsideOfPackage("dev.ownstack.warehouse..")
                .should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "org.postgresql..")
                .because("engine specifics live behind Warehouse and SqlDialect; add what you need there")
                .check(CLASSES);
    }
}
