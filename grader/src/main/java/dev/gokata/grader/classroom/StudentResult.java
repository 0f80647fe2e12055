package dev.gokata.grader.classroom;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * Everything one student's submission earned: a kata result per graded kata, and how the grading run itself ended.
 * This is the file {@code gokata class grade} writes per student and {@code merge} / {@code report} read back.
 *
 * @param student the submission's name (its folder or zip name)
 * @param run     how the grading run of this submission ended
 * @param note    what the batch observed when the run did not end normally (exit status, last output)
 * @param seconds how long the run took, wall clock
 * @param katas   a result per kata, in catalogue order
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StudentResult(String student, Run run, String note, double seconds, List<KataResult> katas) {

    /** How the grading run of one submission ended; anything but {@code GRADED} is the submission's doing. */
    public enum Run {
        /** Every kata was graded. */
        GRADED,
        /** The run passed the submission's time limit and was killed; katas not graded by then score nothing. */
        TIMED_OUT,
        /** The run died (or could not start) before it wrote every kata's results. */
        CRASHED,
        /** The submission could not be read: a broken or oversized zip, or no exercises/ folder. */
        UNREADABLE
    }

    public StudentResult {
        run = run == null ? Run.CRASHED : run;
        note = note == null ? "" : note;
        katas = katas == null ? List.of() : List.copyOf(katas);
    }

    /** Points earned over every kata. */
    @JsonProperty("score")
    public double score() {
        return katas.stream().mapToDouble(KataResult::score).sum();
    }

    /** Points available over every kata. */
    @JsonProperty("max_score")
    public double maxScore() {
        return katas.stream().mapToDouble(KataResult::maxScore).sum();
    }

    /** Exercism v3's overall status: error if a kata could not run, pass if every kata passed, else fail. */
    @JsonProperty("status")
    public String status() {
        return katas.stream().anyMatch(k -> KataResult.ERROR.equals(k.status())) ? "error"
                : katas.stream().allMatch(KataResult::passed) ? "pass" : "fail";
    }

    /** The version of Exercism's results format these files follow. */
    @JsonProperty("version")
    public int version() {
        return 3;
    }

    /** The result of one kata, if it was graded. */
    public Optional<KataResult> kata(String id) {
        return katas.stream().filter(k -> k.kata().equals(id)).findFirst();
    }

    /** Score as a fraction of the points available, 0 when nothing was available. */
    @JsonIgnore
    public double fraction() {
        return maxScore() == 0 ? 0 : score() / maxScore();
    }
}
