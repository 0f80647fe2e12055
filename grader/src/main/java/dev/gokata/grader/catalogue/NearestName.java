package dev.gokata.grader.catalogue;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The name a user most likely meant by one they mistyped (a kata's id, a command): near it, or none. */
public final class NearestName {
    private NearestName() {
    }

    /**
     * The name of {@code names} nearest to {@code typed}, ignoring case, when it is near enough to be a typo: at most
     * two letters away, or a third of its letters.
     */
    public static Optional<String> among(String typed, Collection<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(n -> distance(t, n.toLowerCase(Locale.ROOT)) <= Math.max(2, n.length() / 3))
                .min(Comparator.comparingInt(n -> distance(t, n.toLowerCase(Locale.ROOT))));
    }

    /** Levenshtein's edit distance: the fewest letters to insert, delete or change to turn {@code a} into {@code b}. */
    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1),
                        diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }
}
