package dev.gokata.grader.state;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * What gokata remembers about one kata between runs.
 *
 * @param status        the last grading's outcome
 * @param points        the points the last grading earned
 * @param hintsRevealed how many of the kata's hints {@code gokata hint} has shown
 * @param lastGraded    when it was last graded (ISO-8601, UTC); null if never
 * @param gradedSources the {@link SourcesDigest} of the kata's folder as the last grading read it; null if unknown
 *                      (never graded, reset since, or graded by an older gokata)
 */
public record KataState(KataStatus status, double points, int hintsRevealed, String lastGraded, String gradedSources) {

    public static final KataState NEW = new KataState(KataStatus.NOT_STARTED, 0, 0, null, null);

    public KataState {
        status = status == null ? KataStatus.NOT_STARTED : status;
    }

    /** After a grading of the sources whose digest is {@code sources}. */
    public KataState graded(boolean passed, double earned, Instant when, String sources) {
        return new KataState(passed ? KataStatus.PASSED : KataStatus.FAILING, earned, hintsRevealed, when.toString(),
                sources);
    }

    /** After {@code gokata reset}: back to the starter, with the hints already read still remembered. */
    public KataState reset() {
        return new KataState(KataStatus.NOT_STARTED, 0, hintsRevealed, lastGraded, null);
    }

    public KataState withHintsRevealed(int n) {
        return new KataState(status, points, n, lastGraded, gradedSources);
    }

    /**
     * Whether the kata's folder, whose digest now {@code sourcesNow} gives, differs from what was last graded; the
     * folder is read only when there is a digest to compare with.
     */
    public boolean editedSinceGraded(Supplier<String> sourcesNow) {
        return status != KataStatus.NOT_STARTED && gradedSources != null && !gradedSources.equals(sourcesNow.get());
    }
}
