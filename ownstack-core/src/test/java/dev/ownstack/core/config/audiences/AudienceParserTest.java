package dev.ownstack.core.config.audiences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static AudienceRule rule(String text) {
        return AudienceParser.parseRule(json(text));
    }

    private static List<String> problems(String ruleText) {
        OwnstackException error = assertThrows(OwnstackException.class, () -> rule(ruleText));
        assertEquals(ErrorCode.INPUT_INVALID, error.code());
        return error.details();
    }

    private static List<String> definitionProblems(String text) {
        return assertThrows(OwnstackException.class, () -> AudienceParser.parseDefinition(json(text))).details();
    }

    @Test
    void reads_a_definition_with_every_kind_of_rule() {
        AudienceDefinition definition = AudienceParser.parseDefinition(json("""
                {'name': 'vip', 'description': 'Big spenders', 'holdout-percent': 10, 'sample-percent': 50,
                 'rule': {'all': [
                   {'trait': 'country', 'operator': 'in', 'value': ['GB', 'IE']},
                   {'not': {'trait': 'email', 'operator': 'is-not-set'}},
                   {'any': [
                     {'event': 'Order Completed', 'where': [{'property': 'total', 'operator': 'greater', 'value': 50}],
                      'count': {'operator': 'at-least', 'value': 2}, 'within-days': 30},
                     {'event': 'Refund', 'performed': false, 'between': ['2024-01-01', '2024-03-31']}]},
                   {'transactions': 'sum', 'of': 'amount', 'operator': 'between', 'value': [100, 500.5], 'type': ['order', 'renewal']},
                   {'audience': 'newsletter'}]}}
                """));
        AudienceRule expected = AllOf.of(
                TraitCondition.of("country", Operator.IN, RuleValue.of("GB"), RuleValue.of("IE")),
                new Not(TraitCondition.of("email", Operator.IS_NOT_SET)),
                AnyOf.of(
                        EventCondition.performed("Order Completed")
                                .withWhere(List.of(PropertyFilter.of("total", Operator.GREATER, RuleValue.of(50))))
                                .withCount(new EventCount(EventCount.Operator.AT_LEAST, 2))
                                .withWindow(new TimeWindow.LastDays(30)),
                        EventCondition.notPerformed("Refund")
                                .withWindow(new TimeWindow.Between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)))),
                TransactionCondition.of(TransactionCondition.Measure.SUM, Operator.BETWEEN, RuleValue.of(100),
                        RuleValue.of(new BigDecimal("500.5"))).withTypes(List.of("order", "renewal")),
                new AudienceMembership("newsletter"));
        assertEquals(new AudienceDefinition("vip", "Big spenders", expected, 10, 50), definition);
    }

    @Test
    void writes_json_that_reads_back_to_the_same_definition() {
        JsonNode original = json("""
                {'name': 'lapsed', 'holdout-percent': 5,
                 'rule': {'all': [
                   {'trait': 'last_seen', 'operator': 'more-than-days-ago', 'value': 90},
                   {'trait': 'vip', 'operator': 'equals', 'value': true},
                   {'trait': 'age', 'operator': 'between', 'value': [18, 30]},
                   {'not': {'audience': 'vip'}},
                   {'event': 'Product Viewed', 'count': {'operator': 'exactly', 'value': 3}, 'between': ['2024-01-01', '2024-01-31']},
                   {'transactions': 'count', 'operator': 'greater-or-equal', 'value': 2, 'type': 'order', 'within-days': 365},
                   {'transactions': 'average', 'of': 'amount', 'operator': 'less', 'value': 20}]}}
                """);
        AudienceDefinition definition = AudienceParser.parseDefinition(original);
        assertEquals(original.toString(), AudienceJson.write(definition).toString());
        assertEquals(definition, AudienceParser.parseDefinition(AudienceJson.write(definition)));
    }

    @Test
    void takes_the_name_from_outside_the_body() {
        AudienceDefinition definition = AudienceParser.parseDefinition("vip", json("{'rule': {'audience': 'other'}}"));
        assertEquals(AudienceDefinition.of("vip", new AudienceMembership("other")), definition);
        OwnstackException error = assertThrows(OwnstackException.class,
                () -> AudienceParser.parseDefinition("vip", json("{'name': 'gold', 'rule': {'all': []}}")));
        assertEquals("name: is \"gold\" but the audience is \"vip\"", error.getMessage());
    }

    @Test
    void names_an_unknown_operator_with_its_path() {
        assertEquals(List.of("rule.all[2].operator: unknown operator \"gte2\"; expected one of " + String.join(", ", Operator.jsonNames())),
                problems("{'all': [{'audience': 'a'}, {'audience': 'b'}, {'trait': 'age', 'operator': 'gte2', 'value': 3}]}"));
    }

    @Test
    void rejects_an_object_that_is_no_rule() {
        assertEquals(List.of("rule.any[0]: a rule is an object with one of \"all\", \"any\", \"not\", \"trait\", \"event\", \"transactions\""
                        + " or \"audience\", got an object with \"field\", \"operator\""),
                problems("{'any': [{'field': 'x', 'operator': 'equals'}]}"));
        assertEquals(List.of("rule.not: must be a rule, got \"vip\"; a rule is an object with one of \"all\", \"any\", \"not\", \"trait\","
                + " \"event\", \"transactions\" or \"audience\""), problems("{'not': 'vip'}"));
    }

    @Test
    void rejects_two_kinds_in_one_object() {
        assertEquals(List.of("rule: has both \"trait\" and \"event\"; a rule is an object with one of \"all\", \"any\", \"not\", \"trait\","
                        + " \"event\", \"transactions\" or \"audience\" (put several conditions in \"all\" or \"any\")"),
                problems("{'trait': 'a', 'event': 'b', 'operator': 'is-set'}"));
    }

    @Test
    void rejects_unknown_keys_naming_the_known_ones() {
        assertEquals(List.of("rule.colour: unknown key \"colour\"; expected one of trait, operator, value"),
                problems("{'trait': 'country', 'operator': 'equals', 'value': 'GB', 'colour': 'red'}"));
        assertEquals(List.of("rule.where[0].negate: unknown key \"negate\"; expected one of property, operator, value"),
                problems("{'event': 'Signed Up', 'where': [{'property': 'plan', 'operator': 'is-set', 'negate': true}]}"));
    }

    @Test
    void reports_every_problem_at_once() {
        assertEquals(List.of(
                        "rule.all[0].trait: is required",
                        "rule.all[1].value: is required: equals compares with one value",
                        "rule.all[2].value: is-set takes no value",
                        "rule.all[3].value: in takes a list of one or more values, such as [\"GB\", \"IE\"], got \"GB\"",
                        "rule.all[4].value: between takes a list of two values, low and high, such as [18, 30], got a list",
                        "rule.all[5].value: within-last-days takes a whole number of days from 1 to 366000, got 2.5",
                        "rule.all[6].value: equals compares with one value, got an object"),
                problems("""
                        {'all': [
                          {'trait': null, 'operator': 'equals', 'value': 1},
                          {'trait': 'a', 'operator': 'equals'},
                          {'trait': 'a', 'operator': 'is-set', 'value': 1},
                          {'trait': 'a', 'operator': 'in', 'value': 'GB'},
                          {'trait': 'a', 'operator': 'between', 'value': [1, 2, 3]},
                          {'trait': 'a', 'operator': 'within-last-days', 'value': 2.5},
                          {'trait': 'a', 'operator': 'equals', 'value': {'x': 1}}]}
                        """));
    }

    @Test
    void rejects_a_null_value_pointing_to_is_set() {
        assertEquals(List.of("rule.value[1]: in takes text, numbers or booleans, got nothing (use is-set or is-not-set for missing values)"),
                problems("{'trait': 'a', 'operator': 'in', 'value': ['x', null]}"));
    }

    @Test
    void checks_event_counts_and_windows() {
        assertEquals(List.of(
                        "rule.all[0].count.operator: unknown count operator \"more-than\"; expected one of at-least, at-most, exactly",
                        "rule.all[1].count.value: must be a whole number from 0 to 2147483647, got -1",
                        "rule.all[2].count: does not go with \"performed\": false; to say fewer than N times use {\"operator\": \"at-most\", \"value\": N-1}",
                        "rule.all[3].within-days: must be a whole number from 1 to 366000, got 0",
                        "rule.all[4].between: does not go with \"within-days\"; give one window",
                        "rule.all[5].between[1]: must be a date such as \"2024-06-01\", got \"March\"",
                        "rule.all[6].between: ends (2024-01-01) before it starts (2024-02-01)",
                        "rule.all[7].performed: must be true or false, got \"no\"",
                        "rule.all[8].where: must be a list of property conditions, got an object"),
                problems("""
                        {'all': [
                          {'event': 'A', 'count': {'operator': 'more-than', 'value': 1}},
                          {'event': 'A', 'count': {'operator': 'at-most', 'value': -1}},
                          {'event': 'A', 'performed': false, 'count': {'operator': 'at-most', 'value': 1}},
                          {'event': 'A', 'within-days': 0},
                          {'event': 'A', 'within-days': 3, 'between': ['2024-01-01', '2024-02-01']},
                          {'event': 'A', 'between': ['2024-01-01', 'March']},
                          {'event': 'A', 'between': ['2024-02-01', '2024-01-01']},
                          {'event': 'A', 'performed': 'no'},
                          {'event': 'A', 'where': {'property': 'x', 'operator': 'is-set'}}]}
                        """));
    }

    @Test
    void checks_transaction_conditions() {
        assertEquals(List.of(
                        "rule.all[0].transactions: unknown measure \"median\"; expected one of count, sum, average",
                        "rule.all[1].operator: unknown operator \"contains\"; expected one of equals, not-equals, in, not-in, greater,"
                                + " greater-or-equal, less, less-or-equal, between",
                        "rule.all[2].value: must be a number (a transaction sum is compared), got \"500\"",
                        "rule.all[3].of: count counts transactions; \"of\" goes with sum and average",
                        "rule.all[4].type[0]: must be text, got 1"),
                problems("""
                        {'all': [
                          {'transactions': 'median', 'operator': 'greater', 'value': 1},
                          {'transactions': 'sum', 'operator': 'contains', 'value': 1},
                          {'transactions': 'sum', 'operator': 'greater', 'value': '500'},
                          {'transactions': 'count', 'of': 'amount', 'operator': 'greater', 'value': 1},
                          {'transactions': 'count', 'operator': 'greater', 'value': 1, 'type': [1]}]}
                        """));
    }

    @Test
    void checks_groups_and_audience_names() {
        assertEquals(List.of(
                        "rule.all[0].any: must list at least one rule (an empty \"any\" matches nobody)",
                        "rule.all[1].all: must be a list of rules, got an object",
                        "rule.all[2].audience: \"no good\" is not an audience name: letters, digits, _ and -, starting with a letter"),
                problems("{'all': [{'any': []}, {'all': {'audience': 'x'}}, {'audience': 'no good'}]}"));
        assertEquals(new AllOf(List.of()), rule("{'all': []}"));
    }

    @Test
    void checks_the_definition_around_the_rule() {
        assertEquals(List.of("name: is required", "holdout-percent: must be a whole number from 0 to 99, got 100",
                        "sample-percent: must be a whole number from 1 to 100, got 0", "rule: is required"),
                definitionProblems("{'holdout-percent': 100, 'sample-percent': 0}"));
        assertEquals(List.of("name: \"9lives\" must use letters, digits, _ and -, start with a letter and be at most 63 characters",
                        "colour: unknown key \"colour\"; expected one of name, description, holdout-percent, sample-percent, rule"),
                definitionProblems("{'name': '9lives', 'colour': 1, 'rule': {'all': []}}"));
    }

    @Test
    void message_names_the_only_problem_or_counts_them() {
        OwnstackException one = assertThrows(OwnstackException.class, () -> rule("{'audience': ''}"));
        assertEquals("rule.audience: must not be empty", one.getMessage());
        OwnstackException two = assertThrows(OwnstackException.class, () -> rule("{'all': [{'audience': ''}, {'trait': 'a'}]}"));
        assertEquals("2 problems in the audience: rule.all[0].audience: must not be empty; rule.all[1].operator: is required",
                two.getMessage());
    }
}
