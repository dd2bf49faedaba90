package dev.ownstack.ingest;

/** Receives progress of a long load, for the CLI's progress line. Called from the loading thread. */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (source, step, rows) -> { };

    /**
     * @param source the source being loaded
     * @param step   what is being read now (a file name, a table, a stream)
     * @param rows   rows loaded by this source so far
     */
    void update(String source, String step, long rows);
}
