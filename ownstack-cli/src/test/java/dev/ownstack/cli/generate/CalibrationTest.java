package dev.ownstack.cli.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sample reproduces the figures measured on CDNOW and UCI Online Retail within the
 * tolerances of {@link CalibrationReport#TARGETS}: 3.5 to 4.5 standard errors at 3,000 people for the
 * means and shares, so sampling noise passes and a wrong table or a broken draw fails.
 */
class CalibrationTest {

    private static GeneratedStatistics statistics;

    @BeforeAll
    static void measure() {
        statistics = GeneratedStatistics.of(SampleData.directory());
    }

    static Stream<CalibrationReport.Target> targets() {
        return CalibrationReport.TARGETS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void generated_statistic_is_within_tolerance_of_the_source_figure(CalibrationReport.Target target) {
        assertEquals(target.sourceFigure(), target.measure().applyAsDouble(statistics), target.tolerance(),
                target.statistic() + " (" + target.source() + ")");
    }
}
