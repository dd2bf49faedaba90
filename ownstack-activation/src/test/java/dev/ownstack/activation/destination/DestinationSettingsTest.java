package dev.ownstack.activation.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ownstack.activation.destination.ConfigField.Type;
import dev.ownstack.core.config.Secret;
import dev.ownstack.core.config.syncs.DestinationDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationSettingsTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.required("url", Type.STRING, "where"),
            ConfigField.optional("note", Type.STRING, "a note"),
            ConfigField.optional("headers", Type.STRING_MAP, "extra headers"),
            ConfigField.optional("servers", Type.STRING_LIST, "servers"));

    @Test
    void text_written_as_an_environment_reference_is_revealed_by_the_accessors_and_never_printed() {
        DestinationSettings settings = SPEC.validate(new DestinationDefinition("hook", "webhook", Map.of(
                "url", Secret.fromEnvironment("HOOK_URL", "https://example.com/t0ken-url"),
                "note", "plain",
                "headers", Map.of("Authorization", Secret.fromEnvironment("HOOK_TOKEN", "Bearer t0ken-header"), "X-Team", "growth"),
                "servers", List.of("a:1", Secret.fromEnvironment("SERVER", "t0ken-server:2")))));

        assertEquals("https://example.com/t0ken-url", settings.string("url"));
        assertEquals(Optional.of("plain"), settings.optionalString("note"));
        assertEquals(Map.of("Authorization", "Bearer t0ken-header", "X-Team", "growth"), settings.map("headers"));
        assertEquals(List.of("a:1", "t0ken-server:2"), settings.list("servers"));
        String printed = settings.toString();
        assertFalse(printed.contains("t0ken"), printed);
        assertTrue(printed.contains("${env:HOOK_TOKEN}") && printed.contains("growth"), printed);
    }

    @Test
    void absent_optional_settings_are_empty() {
        DestinationSettings settings = SPEC.validate(new DestinationDefinition("hook", "webhook", Map.of("url", "https://example.com")));

        assertEquals(Optional.empty(), settings.optionalString("note"));
        assertEquals(Map.of(), settings.map("headers"));
        assertEquals(List.of(), settings.list("servers"));
    }

    @Test
    void a_relative_local_path_is_read_from_the_definitions_directory_and_an_absolute_one_is_kept() {
        ConfigSpec spec = ConfigSpec.of(ConfigField.required("path", Type.LOCAL_PATH, "a folder"),
                ConfigField.withDefault("spool", Type.LOCAL_PATH, "spool", "a folder"));
        Path project = Path.of("/srv/acme");
        DestinationSettings relative = spec.validate(new DestinationDefinition("files", "file", Map.of("path", "out/./files"), project));
        assertEquals("/srv/acme/out/files", relative.string("path"));
        assertEquals("/srv/acme/spool", relative.string("spool"));
        DestinationSettings absolute = spec.validate(new DestinationDefinition("files", "file", Map.of("path", "/data/out"), project));
        assertEquals("/data/out", absolute.string("path"));
    }
}
