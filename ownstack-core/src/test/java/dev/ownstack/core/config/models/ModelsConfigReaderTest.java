package dev.ownstack.core.config.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.config.identity.ColumnRef;
import dev.ownstack.core.error.OwnstackException;
import dev.ownstack.core.table.TableName;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelsConfigReaderTest {
    private static final Set<String> SOURCES = Set.of("crm_contacts", "shop_customers", "newsletter_signups");
    private static final String TRANSACTIONS = """
              transactions:
                table: raw.transactions
                source: shop_customers
                record-id: customer_id
                id: transaction_id
                occurred-at: occurred_at
                amount: amount
            """;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    private ConfigProblems problems;

    private Optional<ModelsConfig> read(String section) {
        problems = new ConfigProblems("ownstack.yml");
        try {
            ConfigNode top = new ConfigNode(yaml.readTree(section), "", problems, name -> Optional.empty());
            Optional<ModelsConfig> config = ModelsConfigReader.read(top.object("models"), SOURCES);
            top.finish();
            return config;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private ModelsConfig valid(String section) {
        Optional<ModelsConfig> config = read(section);
        assertEquals(List.of(), problems.problems());
        return config.orElseThrow();
    }

    private List<String> problemsOf(String section) {
        Optional<ModelsConfig> config = read(section);
        assertTrue(config.isEmpty(), "a section with problems gives no configuration");
        return problems.problems();
    }

    @Test
    void reads_a_complete_section() {
        ModelsConfig config = valid("""
                models:
                  as-of: 2025-01-01T00:00:00Z
                  customers:
                    attributes:
                      email: {crm_contacts: email, shop_customers: email, newsletter_signups: email_address}
                      first_name: {crm_contacts: first_name, newsletter_signups: merge_fields.FNAME}
                """ + TRANSACTIONS + """
                    currency: currency
                    type: type
                  events:
                    table: web.events
                  traits:
                    orders: {function: count, of: transactions, where: {type: order}}
                    revenue: {function: sum, of: transactions.amount}
                    orders_last_90_days: {function: count, of: transactions, where: {type: [order, refund]}, within: 90d}
                    days_since_last_order: {function: days-since, of: transactions.occurred_at}
                    product_views_12h: {function: distinct-count, of: events.properties.product_id, where: {event: Product Viewed}, within: 12h}
                """);
        assertEquals(Optional.of(Instant.parse("2025-01-01T00:00:00Z")), config.asOf());
        assertEquals(List.of("email", "first_name"), config.attributes().stream().map(CustomerAttribute::name).toList());
        CustomerAttribute firstName = config.attributes().get(1);
        assertEquals(List.of("crm_contacts", "newsletter_signups"), List.copyOf(firstName.sources().keySet()));
        assertEquals(new ColumnRef("merge_fields", List.of("FNAME")), firstName.sources().get("newsletter_signups"));
        assertEquals(new TransactionsModel(new TableName("raw", "transactions"), "shop_customers", "customer_id", "transaction_id",
                "occurred_at", "amount", Optional.of("currency"), Optional.of("type")), config.transactions().orElseThrow());
        assertEquals(new TableName("web", "events"), config.events().table());
        assertEquals(new Trait("orders_last_90_days", TraitFunction.COUNT, ActivityTable.TRANSACTIONS, Optional.empty(),
                List.of(new TraitFilter(ColumnRef.column("type"), List.of("order", "refund"))), Optional.of(Duration.ofDays(90))),
                config.traits().get(2));
        Trait views = config.traits().get(4);
        assertEquals(TraitFunction.DISTINCT_COUNT, views.function());
        assertEquals(ActivityTable.EVENTS, views.table());
        assertEquals(Optional.of(new ColumnRef("properties", List.of("product_id"))), views.column());
        assertEquals(Optional.of(Duration.ofHours(12)), views.within());
        assertEquals("events.properties.product_id", views.of());
        assertEquals(Set.of("crm_contacts", "shop_customers", "newsletter_signups"), config.identitySources());
    }

    @Test
    void an_empty_section_has_no_attributes_no_transactions_and_reads_raw_events() {
        ModelsConfig config = valid("models: {}\n");
        assertEquals(Optional.empty(), config.asOf());
        assertEquals(List.of(), config.attributes());
        assertEquals(Optional.empty(), config.transactions());
        assertEquals(EventsModel.DEFAULT, config.events());
        assertEquals(new TableName("raw", "events"), config.events().table());
    }

    @Test
    void reads_a_date_or_a_time_without_offset_as_utc() {
        assertEquals(Optional.of(Instant.parse("2024-06-30T00:00:00Z")), valid("models: {as-of: 2024-06-30}\n").asOf());
        assertEquals(Optional.of(Instant.parse("2024-06-30T12:30:00Z")), valid("models: {as-of: \"2024-06-30T12:30:00\"}\n").asOf());
        assertEquals(Optional.of(Instant.parse("2024-06-30T10:30:00Z")), valid("models: {as-of: \"2024-06-30T12:30:00+02:00\"}\n").asOf());
    }

    @Test
    void rejects_an_as_of_that_is_not_a_time() {
        assertEquals(List.of("models.as-of: must be an ISO-8601 time such as 2025-01-01T00:00:00Z (or a date, read as midnight UTC),"
                + " got 'yesterday'"), problemsOf("models: {as-of: yesterday}\n"));
    }

    @Test
    void rejects_an_attribute_source_that_is_not_an_identity_source() {
        assertEquals(List.of("models.customers.attributes.email.crm: 'crm' is not an identity source; identity.sources has:"
                        + " crm_contacts, newsletter_signups, shop_customers"),
                problemsOf("models: {customers: {attributes: {email: {crm: email, shop_customers: email}}}}\n"));
    }

    @Test
    void rejects_an_attribute_column_that_is_not_a_column_or_json_field() {
        assertEquals(List.of("models.customers.attributes.email.crm_contacts: must be a column name, or a column and JSON fields such as"
                        + " merge_fields.FNAME (letters, digits, _ and -), got 'e mail'"),
                problemsOf("models: {customers: {attributes: {email: {crm_contacts: e mail}}}}\n"));
        assertEquals(List.of("models.customers.attributes.name.crm_contacts: must be a column name, or a column and JSON fields such as"
                        + " merge_fields.FNAME (letters, digits, _ and -), got 'traits.$.name'"),
                problemsOf("models: {customers: {attributes: {name: {crm_contacts: traits.$.name}}}}\n"));
    }

    @Test
    void rejects_an_attribute_column_that_is_not_text() {
        assertEquals(List.of("models.customers.attributes.email.crm_contacts: must be a column name or a JSON field such as traits.email,"
                + " got a list"), problemsOf("models: {customers: {attributes: {email: {crm_contacts: [email]}}}}\n"));
    }

    @Test
    void rejects_an_attribute_without_sources() {
        assertEquals(List.of("models.customers.attributes.email: must map identity sources to the column holding the value, such as"
                + " {crm_contacts: email}, got an empty mapping"), problemsOf("models: {customers: {attributes: {email: {}}}}\n"));
        assertEquals(List.of("models.customers.attributes: must be a mapping of column names to sources, got a list"),
                problemsOf("models: {customers: {attributes: [email]}}\n"));
    }

    @Test
    void rejects_an_attribute_named_like_a_column_every_customer_has() {
        assertEquals(List.of("models.customers.attributes.first_seen: column 'first_seen' of model.customers is already"
                        + " a column every model.customers has"),
                problemsOf("models: {customers: {attributes: {first_seen: {crm_contacts: created_at}}}}\n"));
    }

    @Test
    void rejects_an_attribute_name_that_is_not_a_column_name() {
        assertEquals(List.of("models.customers.attributes.first name: attribute name must be a column name (letters, digits and _,"
                + " not starting with a digit), got 'first name'"),
                problemsOf("models: {customers: {attributes: {first name: {crm_contacts: first_name}}}}\n"));
    }

    @Test
    void rejects_a_trait_named_like_an_attribute() {
        assertEquals(List.of("models.traits.email: column 'email' of model.customers is already attribute"
                        + " models.customers.attributes.email"),
                problemsOf("models:\n  customers: {attributes: {email: {crm_contacts: email}}}\n  traits:\n"
                        + "    email: {function: count, of: events}\n"));
    }

    @Test
    void rejects_missing_transactions_columns() {
        assertEquals(List.of("models.transactions.table: is required", "models.transactions.record-id: is required",
                        "models.transactions.id: is required", "models.transactions.occurred-at: is required",
                        "models.transactions.amount: is required"),
                problemsOf("models: {transactions: {source: shop_customers}}\n"));
    }

    @Test
    void rejects_a_transactions_column_that_is_not_a_column_name() {
        assertEquals(List.of("models.transactions.currency: must be a column name (letters, digits and _), got 'cur-rency'"),
                problemsOf("models:\n" + TRANSACTIONS + "    currency: cur-rency\n"));
    }

    @Test
    void rejects_a_transactions_source_that_is_not_an_identity_source() {
        assertEquals(List.of("models.transactions.source: 'shop' is not an identity source (the source whose record ids the rows hold);"
                        + " identity.sources has: crm_contacts, newsletter_signups, shop_customers"),
                problemsOf("models:\n" + TRANSACTIONS.replace("source: shop_customers", "source: shop")));
    }

    @Test
    void rejects_a_transactions_table_in_a_schema_ownstack_writes() {
        assertEquals(List.of("models.transactions.table: must be a table of yours, not of ownstack's schema 'model',"
                + " got 'model.transactions'"), problemsOf("models:\n" + TRANSACTIONS.replace("raw.transactions", "model.transactions")));
    }

    @Test
    void rejects_an_events_table_that_is_not_a_table_name() {
        assertEquals(List.of("models.events.table: table name 'a.b.c' must be 'table' or 'schema.table'"),
                problemsOf("models: {events: {table: a.b.c}}\n"));
    }

    @Test
    void rejects_a_trait_without_a_function_or_with_an_unknown_one() {
        assertEquals(List.of("models.traits.orders.function: is required: one of count, distinct-count, sum, average, min, max, first,"
                + " last, days-since"), problemsOf("models: {traits: {orders: {of: events}}}\n"));
        assertEquals(List.of("models.traits.orders.function: must be one of count, distinct-count, sum, average, min, max, first,"
                + " last, days-since, got 'median'"), problemsOf("models: {traits: {orders: {function: median, of: events.x}}}\n"));
    }

    @Test
    void rejects_a_trait_of_an_unknown_table() {
        assertEquals(List.of("models.traits.orders.of: must be transactions or events, optionally with a column (transactions.amount),"
                + " got 'orders'"), problemsOf("models: {traits: {orders: {function: count, of: orders}}}\n"));
        assertEquals(List.of("models.traits.orders.of: is required"), problemsOf("models: {traits: {orders: {function: count}}}\n"));
    }

    @Test
    void rejects_a_trait_of_transactions_when_none_are_configured() {
        assertEquals(List.of("models.traits.orders.of: reads transactions, but models.transactions is not configured"),
                problemsOf("models: {traits: {orders: {function: count, of: transactions}}}\n"));
    }

    @Test
    void rejects_a_function_that_needs_a_column_without_one() {
        assertEquals(List.of("models.traits.revenue.of: sum needs a column, such as transactions.amount, got 'transactions'"),
                problemsOf("models:\n" + TRANSACTIONS + "  traits: {revenue: {function: sum, of: transactions}}\n"));
    }

    @Test
    void rejects_a_window_that_is_not_days_or_hours() {
        assertEquals(List.of("models.traits.recent.within: must be a number of days or hours such as 90d or 12h, got '3 weeks'"),
                problemsOf("models: {traits: {recent: {function: count, of: events, within: 3 weeks}}}\n"));
        assertEquals(List.of("models.traits.recent.within: must be a number of days or hours such as 90d or 12h, got '0d'"),
                problemsOf("models: {traits: {recent: {function: count, of: events, within: 0d}}}\n"));
    }

    @Test
    void rejects_filters_that_are_not_values() {
        assertEquals(List.of("models.traits.views.where.event: must be a value or a non-empty list of values, got a mapping"),
                problemsOf("models: {traits: {views: {function: count, of: events, where: {event: {name: x}}}}}\n"));
        assertEquals(List.of("models.traits.views.where.event: must be a value or a non-empty list of values, got an empty list"),
                problemsOf("models: {traits: {views: {function: count, of: events, where: {event: []}}}}\n"));
        assertEquals(List.of("models.traits.views.where.event[1]: must be a value, got a list"),
                problemsOf("models: {traits: {views: {function: count, of: events, where: {event: [a, [b]]}}}}\n"));
        assertEquals(List.of("models.traits.views.where: must map columns to a value or a list of values, such as {type: order},"
                + " got 'Product Viewed'"), problemsOf("models: {traits: {views: {function: count, of: events, where: Product Viewed}}}\n"));
    }

    @Test
    void rejects_a_trait_that_is_not_a_mapping_or_has_a_bad_name() {
        assertEquals(List.of("models.traits.orders: must be a mapping such as {function: count, of: transactions}"),
                problemsOf("models: {traits: {orders: count}}\n"));
        assertEquals(List.of("models.traits.2orders: trait name must be a column name (letters, digits and _, not starting with a digit),"
                + " got '2orders'"), problemsOf("models: {traits: {2orders: {function: count, of: events}}}\n"));
    }

    @Test
    void rejects_unknown_keys_with_a_suggestion() {
        assertEquals(List.of("models.traits.views.wher: unknown key (did you mean 'where'?)", "models.trait: unknown key (did you mean 'traits'?)"),
                problemsOf("models:\n  trait: {}\n  traits: {views: {function: count, of: events, wher: {event: x}}}\n"));
    }

    @Test
    void reports_every_problem_at_once() {
        List<String> found = problemsOf("models: {as-of: soon, events: {table: a.b.c}, traits: {x: {function: max, of: events}}}\n");
        assertEquals(3, found.size(), found.toString());
    }

    @Test
    void without_known_identity_sources_any_source_name_is_accepted() {
        ConfigProblems unchecked = new ConfigProblems("ownstack.yml");
        try {
            ConfigNode top = new ConfigNode(yaml.readTree("models: {customers: {attributes: {email: {anything: email}}}}"), "", unchecked,
                    name -> Optional.empty());
            assertTrue(ModelsConfigReader.read(top.object("models")).isPresent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), unchecked.problems());
    }

    @Test
    void the_project_loader_reads_the_section_and_needs_an_identity_section() {
        ProjectConfigLoader loader = new ProjectConfigLoader(name -> Optional.empty());
        ProjectConfig config = loader.parse(Path.of("/p"), "ownstack.yml", """
                warehouse: {type: duckdb}
                identity: {keys: {email: email}, sources: {crm: {id: contact_id, keys: {email: email}}}}
                models:
                  as-of: 2025-01-01
                  customers: {attributes: {email: {crm: email}}}
                  traits: {views: {function: count, of: events}}
                """);
        assertEquals("views", config.models().orElseThrow().traits().get(0).name());
        assertFalse(config.notes().stream().anyMatch(note -> note.startsWith("models")), config.notes().toString());
        assertEquals(Optional.empty(), loader.parse(Path.of("/p"), "ownstack.yml", "warehouse: {type: duckdb}\n").models());
        OwnstackException error = assertThrows(OwnstackException.class, () -> loader.parse(Path.of("/p"), "ownstack.yml",
                "warehouse: {type: duckdb}\nmodels: {traits: {views: {function: count, of: events}}}\n"));
        assertEquals(List.of("models: needs an identity section: customers are made of the records of identity.sources"), error.details());
        OwnstackException unknownSource = assertThrows(OwnstackException.class, () -> loader.parse(Path.of("/p"), "ownstack.yml", """
                warehouse: {type: duckdb}
                identity: {keys: {email: email}, sources: {crm: {id: contact_id, keys: {email: email}}}}
                models: {customers: {attributes: {email: {shop: email}}}}
                """));
        assertTrue(unknownSource.details().get(0).startsWith("models.customers.attributes.email.shop:"), unknownSource.details().toString());
    }
}
