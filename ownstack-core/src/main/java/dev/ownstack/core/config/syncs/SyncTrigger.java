package dev.ownstack.core.config.syncs;

import java.util.Objects;

/** When the server runs a sync by itself (it can always be run by hand). */
public sealed interface SyncTrigger {
    /** Only when asked: {@code ownstack sync run}, the REST API or the web app. */
    record Manual() implements SyncTrigger {
    }

    /** On a cron schedule: five fields (minute hour day-of-month month day-of-week), in UTC. */
    record Cron(String expression) implements SyncTrigger {
        public Cron {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** After every successful {@code ownstack build}. */
    record AfterBuild() implements SyncTrigger {
    }
}
