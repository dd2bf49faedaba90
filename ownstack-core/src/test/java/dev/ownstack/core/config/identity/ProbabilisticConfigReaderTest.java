package dev.ownstack.core.config.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownstack.core.config.ConfigNode;
import dev.ownstack.core.config.ConfigProblems;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingRule;
import dev.ownstack.core.config.identity.ProbabilisticConfig.BlockingTerm;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Comparison;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Method;
import dev.ownstack.core.config.identity.ProbabilisticConfig.Transform;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbabilisticConfigReaderTest {
    private static final Set<String> FIELDS = Set.of("first_name", "surname", "dob", "email", "city");

    private static Optional<ProbabilisticConfig> read(String yaml, Set<String> fields) {
        try {
            ConfigProblems problems = new ConfigProblems("ownstack.yml");
            ConfigNode identity = new ConfigNode(new ObjectMapper(new YAMLFactory()).readTree(yaml), "identity", problems,
                    name -> Optional.empty());
            Optional<ProbabilisticConfig> config = ProbabilisticConfigReader.read(identity, fields);
            identity.finish();
            problems.throwIfAny();
            return config;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> problems(String yaml) {
        OwnstackException e = assertThrows(OwnstackException.class, () -> read(yaml, FIELDS));
        assertEquals(ErrorCode.CONFIG_INVALID, e.code());
        return e.details();
    }

    @Test
    void reads_a_complete_section() {
        ProbabilisticConfig config = read("""
                probabilistic:
                  threshold: 0.95
                  blocking:
                    - [dob]
                    - [surname-soundex, first_name]
                    - [email, dob-first-4]
                  comparisons:
                    first_name: {method: jaro-winkler, levels: [0.92, 0.8]}
                    dob: {method: levenshtein, levels: [1, 2]}
                    email: {method: exact}
                    city: exact
                    surname: jaro-winkler
                  max-pairs: 5000000
                  u-sample-pairs: 200000
                """, FIELDS).orElseThrow();
        assertEquals(0.95, config.threshold());
        assertEquals(List.of(new BlockingRule(List.of(BlockingTerm.of("dob"))),
                new BlockingRule(List.of(new BlockingTerm("surname", Transform.SOUNDEX, 0), BlockingTerm.of("first_name"))),
                new BlockingRule(List.of(BlockingTerm.of("email"), new BlockingTerm("dob", Transform.FIRST, 4)))), config.blocking());
        assertEquals(List.of(new Comparison("first_name", Method.JARO_WINKLER, List.of(0.92, 0.8)),
                new Comparison("dob", Method.LEVENSHTEIN, List.of(1.0, 2.0)), new Comparison("email", Method.EXACT, List.of()),
                new Comparison("city", Method.EXACT, List.of()), new Comparison("surname", Method.JARO_WINKLER, List.of(0.92, 0.8))),
                config.comparisons());
        assertEquals(5_000_000, config.maxPairs());
        assertEquals(200_000, config.uSamplePairs());
        assertEquals("[surname-soundex, first_name]", config.blocking().get(1).toString());
        assertEquals("[email, dob-first-4]", config.blocking().get(2).toString());
    }

    @Test
    void fills_in_defaults_and_takes_a_single_field_as_a_rule() {
        ProbabilisticConfig config = read("""
                probabilistic:
                  blocking: [dob, [email]]
                  comparisons: {dob: levenshtein}
                """, FIELDS).orElseThrow();
        assertEquals(ProbabilisticConfig.DEFAULT_THRESHOLD, config.threshold());
        assertEquals(ProbabilisticConfig.DEFAULT_MAX_PAIRS, config.maxPairs());
        assertEquals(ProbabilisticConfig.DEFAULT_U_SAMPLE_PAIRS, config.uSamplePairs());
        assertEquals(2, config.blocking().size());
        assertEquals(List.of(1.0, 2.0), config.comparisons().get(0).levels());
    }

    @Test
    void is_empty_when_the_section_is_absent() {
        assertEquals(Optional.empty(), read("{}", Set.of("x")));
    }

    @Test
    void names_path_and_value_of_every_problem_at_once() {
        List<String> problems = problems("""
                probabilistic:
                  threshold: 1.5
                  blocking:
                    - [dob, postcode]
                    - [surname-metaphone]
                    - [first_name-first-0]
                    - []
                    - [dob, dob]
                  comparisons:
                    first_name: {method: jaro-winkler, levels: [0.8, 0.92]}
                    surname: {method: jaccard}
                    dob: {method: levenshtein, levels: [1.5]}
                    email: {method: exact, levels: [1]}
                    phone: exact
                    city: {levels: [0.9]}
                  max-pairs: 0
                  treshold: 0.9
                """);
        assertEquals(List.of(
                "identity.probabilistic.threshold: must be a match probability greater than 0 and less than 1, such as 0.9, got 1.5",
                "identity.probabilistic.blocking[0][1]: unknown field 'postcode'; the identity sources define: city, dob, email, first_name, surname",
                "identity.probabilistic.blocking[1][0]: unknown transform 'metaphone' in 'surname-metaphone'; use soundex or first-N"
                        + " (the first N characters, N from 1 to 50)",
                "identity.probabilistic.blocking[2][0]: first-N takes N from 1 to 50, got 0",
                "identity.probabilistic.blocking[3]: must be a list of fields such as [surname-soundex, first_name], got an empty list",
                "identity.probabilistic.blocking[4][1]: term 'dob' is listed twice in the rule",
                "identity.probabilistic.comparisons.first_name.levels[1]: levels must be decreasing similarities between 0 and 1"
                        + " such as [0.92, 0.8], got 0.92 after 0.8",
                "identity.probabilistic.comparisons.surname.method: must be one of exact, jaro-winkler, levenshtein, got 'jaccard'",
                "identity.probabilistic.comparisons.dob.levels[0]: levels must be increasing edit distances from 1 such as [1, 2], got 1.5",
                "identity.probabilistic.comparisons.email.levels: is not used by method exact (its levels are: equal, else); remove it",
                "identity.probabilistic.comparisons.phone: unknown field 'phone'; the identity sources define: city, dob, email, first_name, surname",
                "identity.probabilistic.comparisons.city.method: is required: one of exact, jaro-winkler, levenshtein",
                "identity.probabilistic.max-pairs: must be between 1 and 2147483647, got 0",
                "identity.probabilistic.treshold: unknown key (did you mean 'threshold'?)"), problems);
    }

    @Test
    void requires_blocking_rules_and_comparisons() {
        assertEquals(List.of(
                "identity.probabilistic.blocking: is required: a list of rules, each a list of fields that candidate pairs share,"
                        + " for example [[dob], [surname-soundex, first_name]]",
                "identity.probabilistic.comparisons: is required: one comparison per field,"
                        + " for example {first_name: {method: jaro-winkler, levels: [0.92, 0.8]}, email: exact}"),
                problems("probabilistic: {threshold: 0.8}"));
    }

    @Test
    void says_when_no_source_defines_fields() {
        OwnstackException e = assertThrows(OwnstackException.class, () -> read("""
                probabilistic: {blocking: [[email]], comparisons: {email: exact}}
                """, Set.of()));
        assertTrue(e.details().contains("identity.probabilistic.blocking[0][0]: unknown field 'email': no identity source defines fields"
                + " (identity.sources.<name>.fields)"), e.details().toString());
    }

    @Test
    void rejects_a_repeated_rule_a_text_threshold_and_a_section_that_is_not_a_mapping() {
        assertEquals(List.of("identity.probabilistic.threshold: must be a match probability greater than 0 and less than 1,"
                        + " such as 0.9, got 'high'", "identity.probabilistic.blocking: rule [dob] is listed twice"),
                problems("""
                        probabilistic: {threshold: high, blocking: [[dob], dob], comparisons: {dob: exact}}
                        """));
        assertEquals(List.of("identity.probabilistic: must be a mapping of keys to values, got 'on'"), problems("probabilistic: 'on'"));
    }

    @Test
    void bounds_the_number_of_levels_rules_and_comparisons() {
        assertEquals(List.of("identity.probabilistic.comparisons.first_name.levels: must be a list of 1 to 5 decreasing similarities"
                        + " between 0 and 1 such as [0.92, 0.8], got a list"),
                problems("""
                        probabilistic:
                          blocking: [dob]
                          comparisons: {first_name: {method: jaro-winkler, levels: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]}}
                        """));
    }

    @Test
    void validates_records_built_in_code() {
        List<BlockingRule> rules = List.of(new BlockingRule(List.of(BlockingTerm.of("dob"))));
        List<Comparison> comparisons = List.of(new Comparison("dob", Method.EXACT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticConfig(1.0, rules, comparisons, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticConfig(0.9, List.of(), comparisons, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Comparison("x", Method.JARO_WINKLER, List.of(0.8, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> new Comparison("x", Method.LEVENSHTEIN, List.of(0.5)));
        assertThrows(IllegalArgumentException.class, () -> new BlockingTerm("x", Transform.FIRST, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticConfig(0.9, rules,
                List.of(comparisons.get(0), comparisons.get(0)), 10, 10));
    }
}
