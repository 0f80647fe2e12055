package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kata over the whole class: how many students passed it, the tests most often failed, and which kinds of
 * failure dominate, with the student code lines most often involved in each.
 *
 * @param kata          the kata id
 * @param title         its title in the catalogue (the id when unknown)
 * @param graded        students with a result for this kata
 * @param passed        students who passed every test
 * @param meanScore     mean points over the graded students
 * @param maxScore      the points the kata is worth
 * @param failedTests   the tests most often failed, with how many students failed each
 * @param kinds         per kind of failure, how many students showed it; most frequent first
 * @param lines         per kind of failure, the student code lines most often involved ({@code File.java:12})
 */
public record KataStats(
        String kata,
        String title,
        int graded,
        int passed,
        double meanScore,
        double maxScore,
        List<Tally> failedTests,
        List<KindCount> kinds,
        Map<FailureKind, List<Tally>> lines) {

    /** How many students of a kata showed one kind of failure. */
    public record KindCount(FailureKind kind, int students) {
    }

    /** Students who passed, as a fraction of those graded (0 when none was). */
    @JsonProperty
    public double passRate() {
        return graded == 0 ? 0 : (double) passed / graded;
    }

    /** The kind of failure most students of this kata showed, if any failed. */
    public Optional<FailureKind> dominant() {
        return kinds.stream().findFirst().map(KindCount::kind);
    }

    /** The lines most often involved in {@code kind}, for a template. */
    public List<Tally> linesOf(FailureKind kind) {
        return lines.getOrDefault(kind, List.of());
    }
}
