package dev.ownstack.core.config.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityConfigReaderTest {
    private final ProjectConfigLoader loader = new ProjectConfigLoader(name -> Optional.empty());

    private IdentityConfig identity(String section) {
        ProjectConfig config = loader.parse(Path.of("/projects/acme"), "ownstack.yml", "warehouse: {type: duckdb}\n" + section);
        return config.identity().orElseThrow();
    }

    private List<String> problems(String section) {
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> loader.parse(Path.of("/projects/acme"), "ownstack.yml", "warehouse: {type: duckdb}\n" + section));
        return error.details();
    }

    @Test
    void reads_keys_in_priority_order_with_sources_mappings_and_fields() {
        IdentityConfig config = identity("""
                identity:
                  default-region: gb
                  max-group-size: 40
                  keys:
                    user_id: user-id
                    email: {kind: email, blocked-values: [info@acme.com]}
                    phone: {kind: phone, limit: 2, max-group-size: 10}
                    name_postcode: {parts: [name, postcode], limit: 1}
                  sources:
                    crm:
                      table: raw.crm_contacts
                      id: contact_id
                      updated-at: updated_at
                      keys:
                        email: [email, work_email]
                        phone: phone
                        name_postcode: [[first_name, last_name], postcode]
                      fields: {first_name: first_name, city: address.city}
                    web:
                      table: raw.events
                      id: anonymous_id
                      precedence: 5
                      keys: {user_id: user_id, email: traits.email}
                """);
        assertEquals("GB", config.defaultRegion());
        assertEquals(List.of("user_id", "email", "phone", "name_postcode"), config.keys().stream().map(MatchKey::name).toList());
        assertEquals(new MatchKey("user_id", List.of(KeyKind.USER_ID), 1, Set.of(), 40), config.keys().get(0));
        assertEquals(new MatchKey("email", List.of(KeyKind.EMAIL), 5, Set.of("info@acme.com"), 40), config.keys().get(1));
        assertEquals(new MatchKey("phone", List.of(KeyKind.PHONE), 2, Set.of(), 10), config.keys().get(2));
        assertEquals(List.of(KeyKind.NAME, KeyKind.POSTCODE), config.key("name_postcode").orElseThrow().parts());
        assertEquals(1, config.priority("email"));

        IdentitySource crm = config.source("crm").orElseThrow();
        assertEquals(new TableName("raw", "crm_contacts"), crm.table());
        assertEquals(1, crm.precedence());
        assertEquals(Optional.of("updated_at"), crm.updatedAt());
        assertEquals(List.of(ValueSource.of("email"), ValueSource.of("work_email")), crm.mapping("email").orElseThrow().values());
        assertEquals(new ValueSource(List.of(ColumnRef.column("first_name"), ColumnRef.column("last_name"))),
                crm.mapping("name_postcode").orElseThrow().values().get(0));
        assertEquals(new ColumnRef("address", List.of("city")), crm.fields().get("city").columns().get(0));

        IdentitySource web = config.source("web").orElseThrow();
        assertEquals(5, web.precedence());
        assertEquals(new ColumnRef("traits", List.of("email")), web.mapping("email").orElseThrow().values().get(0).columns().get(0));
    }

    @Test
    void has_no_identity_without_the_section() {
        ProjectConfig config = loader.parse(Path.of("/p"), "ownstack.yml", "warehouse: {type: duckdb}\n");
        assertEquals(Optional.empty(), config.identity());
    }

    @Test
    void reports_every_mistake_with_its_path_and_value() {
        List<String> problems = problems("""
                identity:
                  default-region: XX
                  keys:
                    email: {kind: e-mail}
                    both: {kind: email, parts: [name, postcode]}
                    np: {parts: [name, postcode]}
                    phone: {kind: phone, limit: 0}
                  sources:
                    crm:
                      table: model.customers
                      keys: {emial: email, np: [first_name]}
                      colour: blue
                """);
        assertEquals(List.of(
                "identity.default-region: must be an ISO 3166-1 alpha-2 region such as GB or US, got 'XX'",
                "identity.keys.email.kind: unknown key kind 'e-mail'; use one of email, email-canonical, phone, user-id, anonymous-id, name, first-name, postcode, date",
                "identity.keys.both: needs either 'kind' (a simple key) or 'parts' (a composite key), not both; kinds: email, email-canonical, phone, user-id, anonymous-id, name, first-name, postcode, date",
                "identity.keys.phone.limit: must be between 1 and 2147483647, got 0",
                "identity.sources.crm.table: schema 'model' is written by ownstack; records come from raw or a schema of your own, got 'model.customers'",
                "identity.sources.crm.id: is required",
                "identity.sources.crm.keys.emial: is not a match key of identity.keys; known keys: both, np, phone",
                "identity.sources.crm.keys.np: key 'np' has 2 parts (name, postcode), so it needs a list with one column per part, got 1",
                "identity.sources.crm.colour: unknown key (known keys: table, id, precedence, updated-at, keys, fields)"),
                problems);
    }

    @Test
    void requires_keys_and_sources() {
        List<String> problems = problems("identity: {default-region: GB}\n");
        assertTrue(problems.get(0).startsWith("identity.keys: is required"), problems.toString());
        assertTrue(problems.get(1).startsWith("identity.sources: is required"), problems.toString());
    }

    @Test
    void rejects_a_json_path_that_is_not_a_column_and_an_id_that_is_not_a_column_name() {
        List<String> problems = problems("""
                identity:
                  keys: {email: email}
                  sources:
                    a: {table: raw.people, id: id, keys: {email: "traits..email"}}
                    b: {table: raw.people, id: "first name", keys: {email: email}}
                """);
        assertEquals(List.of(
                "identity.sources.a.keys.email: has an empty or unusable JSON field name in 'traits..email'",
                "identity.sources.b.id: must be a column name (letters, digits and _), got 'first name'"),
                problems);
    }
}
