package dev.bulwark.agent.policyfile;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the allowed key a misspelt one was probably meant to be, for "did you mean" hints. */
final class Suggestions {

    private Suggestions() {
    }

    /** @return the allowed key closest to {@code typed}, if it is close enough to be a likely typo */
    static Optional<String> closest(String typed, Collection<String> allowed) {
        int tolerance = Math.max(2, typed.length() / 4);
        return allowed.stream()
                .filter(candidate -> editDistance(typed.toLowerCase(), candidate.toLowerCase()) <= tolerance)
                .min(Comparator.comparingInt(candidate -> editDistance(typed.toLowerCase(), candidate.toLowerCase())));
    }

    /** Levenshtein distance: insertions, deletions and substitutions needed to turn {@code a} into {@code b}. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
