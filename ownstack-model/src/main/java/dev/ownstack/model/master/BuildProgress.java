package dev.ownstack.model.master;

/** Hears how a build of the master models goes; called on the building thread. */
@FunctionalInterface
public interface BuildProgress {
    BuildProgress NONE = description -> {
    };

    /** A new step starts, for example "model.transactions". */
    void step(String description);
}
