package dev.ownstack.ingest;

import dev.ownstack.warehouse.Warehouse;

/**
 * A batch source: files, a JDBC database or a Singer tap, as configured under {@code sources:}.
 *
 * <p>Contract: {@link #load} is idempotent. Running it twice adds nothing twice, and a run killed
 * at any point then run again ends with exactly the rows of one complete run. Implementations get
 * there by committing data and the state that records it (file manifest, cursor, Singer state) in
 * one warehouse transaction. Instances are used by one thread at a time.
 */
public interface BatchSource {

    /** The source's name in {@code ownstack.yml}. */
    String name();

    LoadResult load(Warehouse warehouse, LoadProgress progress);
}
