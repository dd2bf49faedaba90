package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** resolve, build and the identity commands on a small project of two CSV files. */
class IdentityCommandsTest {
    @TempDir
    Path project;

    private String p() {
        return project.toString();
    }

    @BeforeEach
    void writeProject() throws IOException {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/crm.csv"), """
                contact_id,email,phone,name
                C1,Ann.Lee@Gmail.com,020 7946 0958,Ann Lee
                C2,bob@example.org,,Bob Stone
                C3,test@test.com,,Dan Dee
                """);
        Files.writeString(project.resolve("data/shop.csv"), """
                customer_id,email,phone,total
                1001,annlee@googlemail.com,,20.50
                1002,zed@example.org,+44 20 7946 0958,5.00
                1003,test@test.com,,1.00
                """);
        Files.writeString(project.resolve("ownstack.yml"), """
                warehouse: {type: duckdb, path: warehouse.duckdb}
                sources:
                  crm: {type: file, path: data/crm.csv}
                  shop: {type: file, path: data/shop.csv}
                identity:
                  default-region: GB
                  keys: {user_id: {kind: user-id, limit: 2}, email: email-canonical, phone: phone}
                  sources:
                    shop: {id: customer_id, keys: {user_id: customer_id, email: email, phone: phone}}
                    crm: {id: contact_id, keys: {email: email, phone: phone}}
                models:
                  customers: {attributes: {name: {crm: name}, email: {shop: email, crm: email}}}
                """);
        assertEquals(0, Cli.run("ingest", "-p", p()).exitCode());
    }

    @Test
    void resolves_builds_and_explains_a_customer() throws IOException {
        Cli.Result resolve = Cli.run("resolve", "-p", p());
        assertEquals(0, resolve.exitCode(), resolve.all());
        assertTrue(resolve.out().contains("Resolved 6 records into 4 customers"), resolve.out());

        Cli.Result stats = Cli.run("identity", "stats", "-p", p(), "--format", "json");
        assertEquals(0, stats.exitCode(), stats.all());
        JsonNode report = new ObjectMapper().readTree(stats.out());
        assertEquals(4, report.get("Summary").get(0).get("customers").asInt());
        assertEquals("test@test.com", report.get("Most shared blocked values").get(0).get("value").asText());

        Cli.Result explain = Cli.run("identity", "explain", "-p", p(), "ANN.LEE@gmail.com");
        assertEquals(0, explain.exitCode(), explain.all());
        assertTrue(explain.out().contains("crm    | C1"), explain.out());
        assertTrue(explain.out().contains("shop   | 1002"), "linked through the phone: " + explain.out());
        assertTrue(explain.out().contains("annlee@gmail.com"), explain.out());

        Cli.Result build = Cli.run("build", "-p", p(), "--skip-resolve");
        assertEquals(0, build.exitCode(), build.all());
        assertTrue(build.out().contains("model.customers"), build.out());
        Cli.Result customers = Cli.run("sql", "-p", p(), "select name, record_count from model.customers where name = 'Ann Lee'", "--format", "csv");
        assertEquals("name,record_count\nAnn Lee,3\n", customers.out());
    }

    @Test
    void evaluates_against_a_truth_file_and_names_a_missing_column() throws IOException {
        assertEquals(0, Cli.run("resolve", "-p", p()).exitCode());
        Files.writeString(project.resolve("truth.csv"), """
                source,record_id,person
                crm,C1,ann
                shop,1001,ann
                shop,1002,ann
                crm,C2,bob
                crm,C3,dan
                shop,1003,eve
                """);
        Cli.Result scores = Cli.run("identity", "evaluate", "-p", p(), "--truth", project.resolve("truth.csv").toString(),
                "--cluster-column", "person", "--format", "csv");
        assertEquals(0, scores.exitCode(), scores.all());
        assertTrue(scores.out().contains("\n6,4,4,1.0,1.0,1.0,3,3,3,0,0"), scores.out());

        Cli.Result missing = Cli.run("identity", "evaluate", "-p", p(), "--truth", project.resolve("truth.csv").toString());
        assertEquals(ExitCodes.USER_ERROR, missing.exitCode());
        assertTrue(missing.err().contains("has no column 'person_id' for --cluster-column; its columns are source, record_id, person"),
                missing.err());
    }

    @Test
    void explains_why_when_the_project_has_no_identity_section_or_no_such_customer() throws IOException {
        Cli.Result unknown = Cli.run("identity", "explain", "-p", p(), "nobody@example.org");
        assertEquals(ExitCodes.USER_ERROR, unknown.exitCode(), unknown.all());

        Files.writeString(project.resolve("ownstack.yml"), "warehouse: {type: duckdb, path: warehouse.duckdb}\n");
        Cli.Result noIdentity = Cli.run("resolve", "-p", p());
        assertEquals(ExitCodes.USER_ERROR, noIdentity.exitCode());
        assertTrue(noIdentity.err().contains("has no identity: section"), noIdentity.err());
    }
}
