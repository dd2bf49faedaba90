package dev.ownstack.activation.audience.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.config.audiences.AudienceDefinition;
import dev.ownstack.core.config.audiences.AudienceParser;
import dev.ownstack.core.config.audiences.AudienceRule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Definitions written as JSON with single quotes. */
public final class Rules {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Rules() {
    }

    public static AudienceDefinition definition(String name, String singleQuotedRule) {
        return AudienceDefinition.of(name, rule(singleQuotedRule));
    }

    public static AudienceRule rule(String singleQuoted) {
        try {
            return AudienceParser.parseRule(JSON.readTree(singleQuoted.replace('\'', '"')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
