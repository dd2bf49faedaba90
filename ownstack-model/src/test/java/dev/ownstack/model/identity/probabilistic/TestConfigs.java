package dev.ownstack.model.identity.probabilistic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ProbabilisticConfig;
import dev.ownstack.core.config.identity.ProbabilisticConfigReader;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Reads an {@code identity:} section as a user writes it, failing on any problem. */
final class TestConfigs {
    private TestConfigs() {
    }

    static ProbabilisticConfig probabilistic(String identityYaml, Collection<String> fields) {
        try {
            ConfigProblems problems = new ConfigProblems("ownstack.yml");
            ConfigNode identity = new ConfigNode(new ObjectMapper(new YAMLFactory()).readTree(identityYaml), "identity", problems,
                    name -> Optional.empty());
            Optional<ProbabilisticConfig> config = ProbabilisticConfigReader.read(identity, Set.copyOf(fields));
            identity.finish();
            problems.throwIfAny();
            return config.orElseThrow();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
