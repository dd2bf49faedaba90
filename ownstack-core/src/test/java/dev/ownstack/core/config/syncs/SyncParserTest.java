package dev.ownstack.core.config.syncs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.core.config.AlertsConfig;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.error.OwnstackException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncParserTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("HOOK_SECRET", "whsec-0123456789", "HOST", "hooks.example.com");
    private final ProjectConfigLoader loader = new ProjectConfigLoader(name -> Optional.ofNullable(ENVIRONMENT.get(name)));

    private ProjectConfig parse(String yaml) {
        return loader.parse(Path.of("/projects/acme"), "ownstack.yml", "warehouse: {type: duckdb}\n" + yaml);
    }

    private List<String> problems(String yaml) {
        return assertThrows(OwnstackException.class, () -> parse(yaml)).details();
    }

    private static final String HOOK = """
            destinations:
              crm-hook: {type: webhook, url: "https://example.com/hook", secret: "${env:HOOK_SECRET}"}
            """;

    @Test
    void reads_destinations_and_syncs_of_the_documented_shape() {
        ProjectConfig config = parse("""
                audiences:
                  big_spenders: {rule: {trait: country, operator: equals, value: GB}}
                destinations:
                  crm-hook: {type: webhook, url: "https://${env:HOST}/hook", secret: "${env:HOOK_SECRET}", batch-size: 50,
                             headers: {X-Team: growth}, enabled: true}
                syncs:
                  vip-to-crm:
                    source: {audience: big_spenders}
                    destination: crm-hook
                    identifier: customer_id
                    mapping: {email: email, name: first_name}
                    mode: mirror
                    schedule: "0 * * * *"
                    guardrails: {max-change-share: 0.3, allow-empty-source: true}
                    retry-window: 2d
                  orders:
                    source: {query: "select * from model.customers"}
                    destination: crm-hook
                    identifier: customer_id
                    mapping: {email: email}
                    trigger: after-build
                """);
        DestinationDefinition hook = config.destinations().get("crm-hook");
        assertEquals("webhook", hook.type());
        assertEquals("https://hooks.example.com/hook", hook.settings().get("url"));
        assertEquals(Secret.fromEnvironment("HOOK_SECRET", "whsec-0123456789"), hook.settings().get("secret"));
        assertEquals(50L, hook.settings().get("batch-size"));
        assertEquals(Map.of("X-Team", "growth"), hook.settings().get("headers"));
        assertEquals(true, hook.settings().get("enabled"));
        assertFalse(hook.toString().contains("whsec"), hook.toString());

        SyncDefinition vip = config.syncs().get("vip-to-crm");
        assertEquals(new SyncSource.Audience("big_spenders"), vip.source());
        assertEquals("crm-hook", vip.destination());
        assertEquals("customer_id", vip.identifier());
        assertEquals(List.of("email", "name"), List.copyOf(vip.mapping().keySet()));
        assertEquals("first_name", vip.mapping().get("name"));
        assertEquals(SyncMode.MIRROR, vip.mode());
        assertEquals(new SyncTrigger.Cron("0 * * * *"), vip.trigger());
        assertEquals(new SyncGuardrails(0.3, true), vip.guardrails());
        assertEquals(Duration.ofDays(2), vip.retryWindow());
        assertEquals(List.of(), config.notes());

        SyncDefinition orders = config.syncs().get("orders");
        assertEquals(new SyncSource.Query("select * from model.customers"), orders.source());
        assertEquals(SyncMode.UPSERT, orders.mode());
        assertInstanceOf(SyncTrigger.AfterBuild.class, orders.trigger());
        assertEquals(SyncGuardrails.DEFAULT, orders.guardrails());
        assertEquals(SyncDefinition.DEFAULT_RETRY_WINDOW, orders.retryWindow());
    }

    @Test
    void a_sync_without_schedule_or_trigger_runs_only_by_hand() {
        ProjectConfig config = parse(HOOK + """
                syncs:
                  s: {source: {audience: vip}, destination: crm-hook, identifier: id, mapping: {id: id}}
                """);
        assertInstanceOf(SyncTrigger.Manual.class, config.syncs().get("s").trigger());
    }

    @Test
    void notes_an_audience_that_is_not_in_the_file() {
        ProjectConfig config = parse(HOOK + """
                syncs:
                  s: {source: {audience: vip}, destination: crm-hook, identifier: id, mapping: {id: id}}
                """);
        assertEquals(List.of("syncs.s.source.audience: audience 'vip' is not defined in this file; it must exist in the warehouse"
                + " when the sync runs"), config.notes());
    }

    @Test
    void reports_every_problem_of_a_sync_with_its_path() {
        List<String> problems = problems(HOOK + """
                syncs:
                  bad:
                    source: {audience: vip, query: "select 1"}
                    destination: braze
                    mapping: {email: ""}
                    mode: replace
                    schedule: "61 * * * *"
                    guardrails: {max-change-share: 1.5, allow-empty-source: maybe, max-removes: 3}
                    retry-window: soon
                    colour: red
                """);
        assertEquals(List.of(
                "syncs.bad.source: must be {audience: NAME} or {query: \"select ... from model.customers\"} (exactly one of the two)",
                "syncs.bad.destination: unknown destination 'braze'; defined: crm-hook",
                "syncs.bad.identifier: is required",
                "syncs.bad.mapping.email: must name a source column",
                "syncs.bad.mode: must be one of upsert, mirror, add, update, got 'replace'",
                "syncs.bad.schedule: cron expression '61 * * * *' has minute '61'; expected 0-59",
                "syncs.bad.guardrails.max-change-share: must be from 0.0 to 1.0, got 1.5",
                "syncs.bad.guardrails.allow-empty-source: must be true or false, got 'maybe'",
                "syncs.bad.guardrails.max-removes: unknown key (known keys: max-change-share, allow-empty-source)",
                "syncs.bad.retry-window: must be a duration such as 500ms, 5s, 10m, 24h or 7d, got 'soon'",
                "syncs.bad.colour: unknown key (known keys: source, destination, identifier, mapping, mode, schedule, trigger, guardrails,"
                        + " retry-window)"), problems);
    }

    @Test
    void requires_source_destination_identifier_and_mapping() {
        assertEquals(List.of(
                "syncs.s.source: is required: {audience: NAME} or {query: \"select ... from model.customers\"}",
                "syncs.s.destination: is required",
                "syncs.s.identifier: is required",
                "syncs.s.mapping: is required: destination field → source column, such as {email: email}"),
                problems("syncs:\n  s: {mode: upsert}\n"));
    }

    @Test
    void rejects_schedule_and_trigger_together_and_unknown_triggers() {
        assertEquals(List.of("syncs.s.trigger: give either schedule (a cron expression) or trigger, not both"),
                problems(HOOK + "syncs:\n  s: {source: {query: select 1}, destination: crm-hook, identifier: id, mapping: {id: id},"
                        + " schedule: '@daily', trigger: after-build}\n"));
        assertEquals(List.of("syncs.s.trigger: must be one of after-build, manual, got 'nightly'"),
                problems(HOOK + "syncs:\n  s: {source: {query: select 1}, destination: crm-hook, identifier: id, mapping: {id: id},"
                        + " trigger: nightly}\n"));
    }

    @Test
    void rejects_bad_names_and_shapes() {
        assertEquals(List.of(
                "destinations.9lives: destination name '9lives' must use letters, digits, _ and -, start with a letter and be at most"
                        + " 63 characters",
                "destinations.plain: must be a mapping with at least 'type', such as {type: webhook, url: ...}",
                "destinations.untyped.type: is required",
                "syncs: must be a mapping of names to definitions, got a list"),
                problems("destinations:\n  9lives: {type: file}\n  plain: webhook\n  untyped: {url: x}\nsyncs: [a]\n"));
    }

    @Test
    void names_an_unset_environment_variable_in_a_destination_setting() {
        assertEquals(List.of("destinations.hook.secret: environment variable MISSING is not set"),
                problems("destinations:\n  hook: {type: webhook, secret: '${env:MISSING}'}\n"));
    }

    @Test
    void an_unknown_destination_with_none_defined_says_where_to_define_it() {
        assertEquals(List.of("syncs.s.destination: unknown destination 'hook'; define it under destinations:"),
                problems("syncs:\n  s: {source: {query: select 1}, destination: hook, identifier: id, mapping: {id: id}}\n"));
    }

    @Test
    void reads_the_alerts_section() {
        ProjectConfig config = parse("alerts: {webhook: 'https://alerts.example.com/ownstack', secret: '${env:HOOK_SECRET}'}\n");
        assertEquals(Optional.of(new AlertsConfig(URI.create("https://alerts.example.com/ownstack"),
                Optional.of(Secret.fromEnvironment("HOOK_SECRET", "whsec-0123456789")))), config.alerts());
        assertTrue(parse("").alerts().isEmpty());
        assertEquals(List.of("alerts.webhook: must be an http or https URL such as https://example.com/ownstack-alerts, got 'ftp://x'",
                "alerts.channel: unknown key (known keys: webhook, secret)"),
                problems("alerts: {webhook: 'ftp://x', channel: ops}\n"));
    }

    @Test
    void reads_the_consent_section_and_names_a_wrong_kind_or_column() {
        ProjectConfig config = parse("consent: {advertising: ads_consent, messaging: email_opt_in}\n");
        assertEquals(Optional.of("ads_consent"), config.consent().trait("advertising"));
        assertEquals(Optional.of("email_opt_in"), config.consent().trait("messaging"));
        assertTrue(config.consent().trait("crm").isEmpty());
        assertTrue(parse("").consent().traits().isEmpty());
        assertEquals(List.of("consent.adverts: is not a kind of destination; consent is given for advertising, crm, messaging, data",
                "consent.crm: must name a column of model.customers (letters, digits and _, starting with a letter), got 'crm consent'"),
                problems("consent: {adverts: x, crm: 'crm consent'}\n"));
    }
}
