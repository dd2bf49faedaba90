package dev.ownstack.model.identity.graph;

import java.util.List;
import java.util.Objects;

/**
 * How one connected-components computation went.
 *
 * @param rounds passes over the graph: SQL rounds for the SQL algorithms (the last one is the
 *     round that found nothing left to change), 1 for union-find's single pass over the edges
 * @param nodes rows written to the output, one per distinct node
 * @param components distinct components among them
 * @param workingRows the size of the working set after each round, in order: edges still being
 *     rewired for the star algorithm, labels of linked nodes for min-label propagation, the
 *     edges streamed for union-find
 */
public record ComponentsResult(int rounds, long nodes, long components, List<Long> workingRows) {
    public ComponentsResult {
        if (rounds < 0 || nodes < 0 || components < 0 || components > nodes) {
            throw new IllegalArgumentException("rounds, nodes and components must be at least 0 and components at most nodes, got "
                    + rounds + ", " + nodes + ", " + components);
        }
        workingRows = List.copyOf(Objects.requireNonNull(workingRows, "workingRows"));
    }
}
