package dev.ownstack.activation.audience;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.audiences.AudienceRule;
import dev.ownstack.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: rules written as JSON with single quotes, compiled and run on a warehouse. */
final class Audiences {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Audiences() {
    }

    static AudienceRule rule(String singleQuoted) {
        try {
            return AudienceParser.parseRule(JSON.readTree(singleQuoted.replace('\'', '"')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AudienceDefinition definition(String name, String singleQuoted) {
        return AudienceDefinition.of(name, rule(singleQuoted));
    }

    static Map<String, AudienceDefinition> byName(AudienceDefinition... definitions) {
        Map<String, AudienceDefinition> map = new LinkedHashMap<>();
        for (AudienceDefinition definition : definitions) {
            map.put(definition.name(), definition);
        }
        return map;
    }

    static AudienceCompiler compiler(Warehouse warehouse, ModelCatalog catalog, Map<String, AudienceDefinition> others) {
        return new AudienceCompiler(catalog, warehouse.dialect(), name -> Optional.ofNullable(others.get(name)), AudienceFixtures.AS_OF);
    }

    /** The members' ids, sorted. */
    static List<String> run(Warehouse warehouse, CompiledAudience compiled) {
        return warehouse.queryAll(compiled.sql(), compiled.parameters().toArray()).rows().stream().map(row -> (String) row[0]).sorted().toList();
    }
}
