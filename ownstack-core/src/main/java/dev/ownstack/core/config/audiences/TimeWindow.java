package dev.ownstack.core.config.audiences;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which events or transactions a condition counts, by their time (UTC): all of them, those of the
 * last N days before the moment the audience is computed ({@code "within-days": 30}), or those
 * of a range of whole days ({@code "between": ["2024-01-01", "2024-03-31"]}, both days included).
 */
public sealed interface TimeWindow permits TimeWindow.AllTime, TimeWindow.LastDays, TimeWindow.Between {
    TimeWindow ALL_TIME = new AllTime();

    record AllTime() implements TimeWindow {
    }

    /** From N days before the computation's time up to that time, both ends included. */
    record LastDays(int days) implements TimeWindow {
        public LastDays {
            if (days < 1 || days > Comparison.MAX_DAYS) {
                throw new IllegalArgumentException("within-days must be from 1 to " + Comparison.MAX_DAYS + ", got " + days);
            }
        }
    }

    /** From the start of {@code from} to the end of {@code to}, UTC. */
    record Between(LocalDate from, LocalDate to) implements TimeWindow {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("between ends (" + to + ") before it starts (" + from + ")");
            }
        }
    }
}
