package dev.bulwark.agent.policyfile;

import com.fasterxml.jackson.core.JsonLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every mistake found in a policy file, so that one run reports them all: listed in the order they appear in the
 * file, each once, as {@code file:line:column: path: what is wrong and what is allowed}.
 */
final class PolicyErrors {
    private record Error(int line, int column, String text) {
    }

    private final Path file;
    private final List<Error> errors = new ArrayList<>();

    PolicyErrors(Path file) {
        this.file = file;
    }

    /**
     * @param at where the mistake is; {@code null} for the file as a whole
     * @param path the path of the value that is wrong, empty for the file as a whole
     */
    void add(JsonLocation at, String path, String problem) {
        String where = at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
        errors.add(new Error(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                where + ": " + (path.isEmpty() ? "" : path + ": ") + problem));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** @return every error, one per line; several found at one place keep the order they were found in */
    String text() {
        Set<String> distinct = new LinkedHashSet<>();
        errors.stream()
                .sorted(Comparator.comparingInt(Error::line).thenComparingInt(Error::column))
                .forEach(error -> distinct.add(error.text()));
        return String.join("\n", distinct);
    }
}
