package dev.ownstack.core.config.syncs;

import java.util.Locale;

/** What a sync sends for the records its source gained, changed and lost since the last run. */
public enum SyncMode {
    /** Added and changed records are upserted; records that left the source stay in the destination. */
    UPSERT,
    /** The destination mirrors the source: added and changed records are upserted, records that left it are removed. */
    MIRROR,
    /** Only records new to the destination are sent; changes and removals are not. */
    ADD,
    /** Only records the destination already has are updated; nothing is created or removed there. */
    UPDATE;

    /** The name used in {@code ownstack.yml} and the REST API: {@code upsert}, {@code mirror}, {@code add}, {@code update}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the mode sends records that are in the destination but no longer in the source. */
    public boolean removes() {
        return this == MIRROR;
    }
}
