package dev.ownstack.core.config;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a configuration, each with its path, before failing once. */
public final class ConfigProblems {
    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ConfigProblems(String file) {
        this.file = file;
    }

    public void add(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }

    /** Something worth telling the user that does not make the configuration invalid. */
    public void note(String path, String message) {
        notes.add(path + ": " + message);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            String summary = file + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems");
            throw new OwnstackException(ErrorCode.CONFIG_INVALID, summary, problems, null);
        }
    }
}
