package dev.ownstack.activation.audience;

import dev.ownstack.core.error.ErrorCode;
import dev.ownstack.core.error.OwnstackException;
import java.util.ArrayList;
import java.util.List;

/** The problems found while compiling an audience, each with its path inside the rule. */
final class Problems {
    private final List<String> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(path + ": " + message);
    }

    void addAll(Problems other) {
        problems.addAll(other.problems);
    }

    List<String> list() {
        return List.copyOf(problems);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny(String audience) {
        if (problems.isEmpty()) {
            return;
        }
        String message = problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in audience " + audience + ": " + String.join("; ", problems);
        throw new OwnstackException(ErrorCode.INPUT_INVALID, message, problems, null);
    }
}
