package dev.gokata.grader.state;

import java.time.Instant;

/**
 * What gokata remembers about one kata between runs.
 *
 * @param status        the last grading's outcome
 * @param points        the points the last grading earned
 * @param hintsRevealed how many of the kata's hints {@code gokata hint} has shown
 * @param lastGraded    when it was last graded (ISO-8601, UTC); null if never
 */
public record KataState(KataStatus status, double points, int hintsRevealed, String lastGraded) {

    public static final KataState NEW = new KataState(KataStatus.NOT_STARTED, 0, 0, null);

    public KataState {
        status = status == null ? KataStatus.NOT_STARTED : status;
    }

    public KataState graded(boolean passed, double earned, Instant when) {
        return new KataState(passed ? KataStatus.PASSED : KataStatus.FAILING, earned, hintsRevealed, when.toString());
    }

    public KataState withHintsRevealed(int n) {
        return new KataState(status, points, n, lastGraded);
    }
}
