package dev.ownstack.model.identity.graph;

import dev.ownstack.core.table.TableName;
import dev.ownstack.warehouse.Warehouse;

/**
 * Labels every node of an undirected graph with the smallest node id of its connected component,
 * so that every implementation gives not just the same partition but the same labels.
 *
 * <p>Input: {@code edges} has columns {@code node_a BIGINT, node_b BIGINT} (undirected; duplicates,
 * both directions and self-loops are allowed; a row with a NULL end is ignored); {@code nodes} has
 * a column {@code node BIGINT} holding every node, isolated ones included (duplicates and NULLs are
 * ignored). Every edge end must be a node. Output: {@code out} is dropped if it exists and created
 * with columns {@code node BIGINT, component BIGINT}, one row per distinct node; the replacement
 * is one transaction, so a failure leaves the previous {@code out} in place.
 *
 * <p>Implementations keep no state between calls and may be shared by threads; one call uses the
 * warehouse it is given for its whole duration (the warehouse serialises its callers anyway).
 * Working tables, where an implementation needs them, live in the schema of {@code out} under
 * the prefix {@code cc_work_} and are dropped before the call returns or throws.
 */
public interface ConnectedComponents {

    /** Computes the components and (re)creates {@code out}; returns how the computation went. */
    ComponentsResult compute(Warehouse warehouse, TableName edges, TableName nodes, TableName out);
}
