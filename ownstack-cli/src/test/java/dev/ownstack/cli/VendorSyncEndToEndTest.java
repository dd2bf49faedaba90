package dev.ownstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.Destinations;
import dev.ownstack.activation.sync.SyncRun;
import dev.ownstack.activation.sync.SyncRunStatus;
import dev.ownstack.core.config.ProjectConfig;
import dev.ownstack.core.config.ProjectConfigLoader;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import dev.ownstack.core.config.syncs.SyncDefinition;
import dev.ownstack.core.config.syncs.SyncGuardrails;
import dev.ownstack.core.config.syncs.SyncMode;
import dev.ownstack.core.config.syncs.SyncSource;
import dev.ownstack.core.config.syncs.SyncTrigger;
import dev.ownstack.destinations.braze.BrazeFake;
import dev.ownstack.destinations.google.GoogleDataManagerFake;
import dev.ownstack.destinations.hubspot.HubSpotFake;
import dev.ownstack.destinations.marketo.MarketoFake;
import dev.ownstack.destinations.meta.MetaFake;
import dev.ownstack.destinations.salesforce.SalesforceFake;
import dev.ownstack.server.syncs.ProjectSyncs;
import dev.ownstack.server.syncs.SyncAlerts;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo project synced to a fake of every vendor: each ends holding exactly the audience's
 * people, and a customer who withdraws marketing consent (the demo's consent for advertising
 * and messaging destinations) leaves the ad platforms and messaging tools on the next runs while
 * staying in the CRMs. The fakes check every request the way the vendors document them.
 */
class VendorSyncEndToEndTest {
    private static final String AUDIENCE = "reachable_big_spenders";
    /** Big spenders who can be matched and written everywhere: with an email address and a last name (Salesforce requires one). */
    private static final String AUDIENCE_YAML = """
              reachable_big_spenders:
                description: Big spenders with an email address and a last name
                rule:
                  all:
                    - {trait: revenue, operator: greater, value: 1000}
                    - {trait: email, operator: is-set}
                    - {trait: last_name, operator: is-set}
            """;

    @TempDir
    Path folder;

    /**
     * One vendor in the test: its destination settings, the sync's mapping, whether the demo's
     * consent applies to it, what it holds for a sync and how it holds an email address.
     */
    private record Vendor(String type, Map<String, Object> settings, Map<String, String> mapping, boolean consented,
                          Function<String, Set<String>> held, UnaryOperator<String> emailForm) {
    }

    @Test
    void the_demo_audience_reaches_every_vendor_exactly_and_withdrawn_consent_leaves_ads_and_messaging() throws IOException {
        Path project = folder.resolve("demo");
        Cli.Result demo = Cli.run("demo", "--dir", project.toString(), "--customers", "600", "--seed", "7", "--no-serve");
        assertEquals(0, demo.exitCode(), demo.all());
        Path file = project.resolve(ProjectConfig.FILE_NAME);
        String yaml = Files.readString(file);
        int audiences = yaml.indexOf("\naudiences:");
        int next = yaml.indexOf('\n', audiences + 1);
        Files.writeString(file, yaml.substring(0, next + 1) + AUDIENCE_YAML + yaml.substring(next + 1));

        try (MetaFake meta = new MetaFake(); SalesforceFake salesforce = new SalesforceFake(); BrazeFake braze = new BrazeFake();
             MarketoFake marketo = new MarketoFake(); GoogleDataManagerFake google = new GoogleDataManagerFake();
             HubSpotFake hubspot = new HubSpotFake()) {
            Map<String, Vendor> vendors = new LinkedHashMap<>();
            Map<String, Object> metaSettings = new LinkedHashMap<>(meta.settings());
            metaSettings.put("default-country", "GB");
            vendors.put("meta", new Vendor("meta-audiences", metaSettings, Map.of("email", "email", "fn", "first_name", "ln", "last_name"),
                    true, meta::memberEmails, email -> sha256(email.strip().toLowerCase(Locale.ROOT))));
            Map<String, Object> googleSettings = new LinkedHashMap<>(google.settings());
            googleSettings.put("default-country", "GB");
            vendors.put("google", new Vendor("google-customer-match", googleSettings, Map.of("email", "email", "first_name", "first_name",
                    "last_name", "last_name"), true, google::memberEmails, email -> sha256(googleEmail(email))));
            vendors.put("salesforce", new Vendor("salesforce", salesforce.settings(), Map.of("Email", "email", "FirstName", "first_name",
                    "LastName", "last_name"), false, salesforce::memberEmails, UnaryOperator.identity()));
            vendors.put("hubspot", new Vendor("hubspot", hubspot.settings(), Map.of("email", "email", "firstname", "first_name",
                    "lastname", "last_name"), false, hubspot::memberEmails, UnaryOperator.identity()));
            vendors.put("marketo", new Vendor("marketo", marketo.settings(), Map.of("email", "email", "firstName", "first_name",
                    "lastName", "last_name"), true, marketo::memberEmails, UnaryOperator.identity()));
            vendors.put("braze", new Vendor("braze", braze.settings(), Map.of("email", "email", "first_name", "first_name",
                    "last_name", "last_name"), true, braze::memberEmails, UnaryOperator.identity()));

            Map<String, String> consentBefore = members(project);
            assertTrue(consentBefore.size() >= 20, "the audience is big enough to mean something: " + consentBefore.size());
            assertTrue(consentBefore.containsValue("true") && consentBefore.containsValue("false"), consentBefore.toString());
            syncAll(project, vendors);
            assertHeld(vendors, consentBefore);

            String withdrawing = consentBefore.entrySet().stream().filter(entry -> entry.getValue().equals("true")).map(Map.Entry::getKey)
                    .findFirst().orElseThrow();
            withdrawConsent(project, withdrawing);
            Map<String, String> consentAfter = members(project);
            assertEquals("false", consentAfter.get(withdrawing), "the rebuilt customer has withdrawn consent");
            syncAll(project, vendors);
            assertHeld(vendors, consentAfter);
            for (Map.Entry<String, Vendor> vendor : vendors.entrySet()) {
                Vendor v = vendor.getValue();
                boolean held = v.held().apply(sync(vendor.getKey())).contains(v.emailForm().apply(withdrawing));
                assertEquals(!v.consented(), held, vendor.getKey() + " holds the customer who withdrew consent: " + held);
            }
        }
    }

    /** The audience's members: email (lower case) → accepts_marketing ("true", "false" or "null"). */
    private static Map<String, String> members(Path project) {
        Cli.Result result = Cli.run("audience", "members", "-p", project.toString(), AUDIENCE, "--columns", "email,accepts_marketing",
                "--format", "csv");
        assertEquals(0, result.exitCode(), result.all());
        Map<String, String> members = new TreeMap<>();
        List<String> lines = result.out().lines().toList();
        assertEquals("customer_id,email,accepts_marketing", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            members.put(cells[1].toLowerCase(Locale.ROOT), cells[2].isEmpty() ? "null" : cells[2]);
        }
        return members;
    }

    /** The shop no longer may market to this person: every shop account with the address says so, then the models are rebuilt. */
    private static void withdrawConsent(Path project, String email) {
        Cli.Result update = Cli.run("sql", "-p", project.toString(), "UPDATE raw.shop_customers SET accepts_marketing = false"
                + " WHERE lower(email) = '" + email.replace("'", "''") + "'");
        assertEquals(0, update.exitCode(), update.all());
        Cli.Result build = Cli.run("build", "-p", project.toString());
        assertEquals(0, build.exitCode(), build.all());
    }

    private static String sync(String vendor) {
        return AUDIENCE.replace('_', '-') + "-to-" + vendor;
    }

    /** Runs the audience's sync to every vendor; each sends everything without a rejection. */
    private static void syncAll(Path project, Map<String, Vendor> vendors) {
        Map<String, DestinationDefinition> destinations = new LinkedHashMap<>();
        Map<String, SyncDefinition> syncs = new LinkedHashMap<>();
        for (Map.Entry<String, Vendor> vendor : vendors.entrySet()) {
            String name = vendor.getKey();
            destinations.put(name, new DestinationDefinition(name, vendor.getValue().type(), vendor.getValue().settings(), project));
            syncs.put(sync(name), new SyncDefinition(sync(name), new SyncSource.Audience(AUDIENCE), name, "customer_id",
                    vendor.getValue().mapping(), SyncMode.MIRROR, new SyncTrigger.Manual(), new SyncGuardrails(1.0, false),
                    SyncDefinition.DEFAULT_RETRY_WINDOW));
        }
        ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project).withSyncs(destinations, syncs);
        try (Warehouse warehouse = ProjectOption.openWarehouse(config, new java.io.PrintWriter(java.io.Writer.nullWriter()));
             ProjectSyncs runner = new ProjectSyncs(config, warehouse::openSibling, Destinations.load(), Clock.systemUTC(), SyncAlerts.NONE)) {
            for (String sync : syncs.keySet()) {
                SyncRun run = runner.run(sync, false);
                assertEquals(SyncRunStatus.SUCCEEDED, run.status(), sync + ": " + run.message());
                assertEquals(0, run.failed(), sync + ": " + run.errorSamples());
            }
        }
    }

    /** Each vendor holds exactly the members it may receive, in the form it keeps them. */
    private static void assertHeld(Map<String, Vendor> vendors, Map<String, String> members) {
        for (Map.Entry<String, Vendor> vendor : vendors.entrySet()) {
            Vendor v = vendor.getValue();
            Set<String> expected = members.entrySet().stream().filter(member -> !v.consented() || member.getValue().equals("true"))
                    .map(member -> v.emailForm().apply(member.getKey())).collect(Collectors.toCollection(TreeSet::new));
            Set<String> held = new TreeSet<>(v.held().apply(sync(vendor.getKey())));
            assertFalse(expected.isEmpty(), vendor.getKey());
            assertEquals(expected, held, vendor.getKey() + " holds exactly the audience it may receive");
        }
    }

    /**
     * An email address as Google Customer Match normalises it before hashing: trimmed, lower case,
     * and for gmail.com and googlemail.com without the dots of the local part
     * (https://developers.google.com/data-manager/api/get-started/formatting).
     */
    private static String googleEmail(String email) {
        String lower = email.strip().toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        String domain = lower.substring(at + 1);
        return domain.equals("gmail.com") || domain.equals("googlemail.com") ? lower.substring(0, at).replace(".", "") + lower.substring(at) : lower;
    }

    /** SHA-256 in lower-case hex, as the ad platforms keep hashed identifiers. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
