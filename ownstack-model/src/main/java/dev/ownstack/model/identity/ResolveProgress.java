package dev.ownstack.model.identity;

/** Hears how a resolution run goes; called on the resolving thread. */
public interface ResolveProgress {
    ResolveProgress NONE = new ResolveProgress() {
        @Override
        public void step(String description) {
        }

        @Override
        public void records(long read) {
        }
    };

    /** A new step starts. */
    void step(String description);

    /** Records read so far; called often, so keep it cheap. */
    void records(long read);
}
