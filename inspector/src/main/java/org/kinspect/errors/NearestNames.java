package org.kinspect.errors;

import java.util.Comparator;
import java.util.List;

/**
 * The names nearest to one a person mistyped, for a "did you mean" in a one-line error: layers of
 * a model, commands of the command line.
 *
 * <pre>{@code
 * NearestNames.nearest(List.of("dense_1", "dense_2", "lstm_1"), "dense1", 2); // [dense_1, dense_2]
 * NearestNames.editDistance("summray", "summary");                            // 2
 * }</pre>
 */
public final class NearestNames {

    private NearestNames() {}

    /**
     * @param names the names there are
     * @param wanted the name given
     * @param count how many to return at most
     * @return the names nearest to it by edit distance, nearest first (in their order on a tie)
     */
    public static List<String> nearest(List<String> names, String wanted, int count) {
        return names.stream()
                .sorted(Comparator.comparingInt((String name) -> editDistance(name, wanted)))
                .limit(count)
                .toList();
    }

    /**
     * @return the Levenshtein distance of two names (insertions, deletions, substitutions), for
     *     "did you mean" suggestions
     */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
