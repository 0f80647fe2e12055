package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import dev.gokata.grader.report.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The class overview of a course report: submissions, mean and median score, the score distribution, and a
 * {@link KataStats} per kata. Computed once from every student's results; immutable.
 *
 * @param submissions  how many students' results there are
 * @param runs         how many grading runs ended each way (graded, timed out, crashed, unreadable)
 * @param maxScore     the points available (the largest over students; every student has the same katas)
 * @param meanScore    mean points
 * @param medianScore  median points
 * @param distribution how many students scored in each tenth of the points: [0,10%), [10%,20%) ... [90%,100%]
 * @param katas        a summary per kata of the course, in catalogue order (a kata nobody has a result for too)
 */
public record ClassStats(
        int submissions,
        Map<CourseResult.Run, Integer> runs,
        double maxScore,
        double meanScore,
        double medianScore,
        List<Integer> distribution,
        List<KataStats> katas) {

    static final int BUCKETS = 10;
    private static final int TOP = 5;

    /** The statistics of {@code students}; {@code course} gives the katas' order and titles. */
    public static ClassStats of(Course course, List<CourseResult> students) {
        var runs = new EnumMap<CourseResult.Run, Integer>(CourseResult.Run.class);
        students.forEach(s -> runs.merge(s.run(), 1, Integer::sum));
        var scores = students.stream().mapToDouble(CourseResult::score).sorted().toArray();
        var maxScore = students.stream().mapToDouble(CourseResult::maxScore).max().orElse(0);
        var mean = scores.length == 0 ? 0 : java.util.Arrays.stream(scores).sum() / scores.length;
        var median = scores.length == 0 ? 0
                : scores.length % 2 == 1 ? scores[scores.length / 2]
                : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
        var buckets = new int[BUCKETS];
        for (var student : students) {
            buckets[bucket(student.fraction())]++;
        }
        var katas = course.katas(students).stream().map(k -> kata(k, students)).toList();
        return new ClassStats(students.size(), runs, maxScore, mean, median,
                java.util.Arrays.stream(buckets).boxed().toList(), katas);
    }

    /** The bucket of the distribution a score fraction falls in: tenths, with 100% in the last one. */
    static int bucket(double fraction) {
        return Math.clamp((int) Math.floor(fraction * BUCKETS + 1e-9), 0, BUCKETS - 1);
    }

    private static KataStats kata(Course.Kata kata, List<CourseResult> students) {
        int graded = 0;
        int passed = 0;
        double points = 0;
        double maxScore = kata.points(); // the course's, or more if results of an older catalogue say so
        var failedTests = new LinkedHashMap<String, Integer>();
        var kinds = new EnumMap<FailureKind, Integer>(FailureKind.class);
        var lines = new EnumMap<FailureKind, Map<String, Integer>>(FailureKind.class);
        for (var student : students) {
            var result = student.kata(kata.id());
            if (result.isEmpty()) {
                continue;
            }
            var k = result.get();
            graded++;
            passed += k.passed() ? 1 : 0;
            points += k.score();
            maxScore = Math.max(maxScore, k.maxScore());
            k.tests().stream().filter(t -> !t.passed()).map(TestResult::name).distinct()
                    .forEach(name -> failedTests.merge(name, 1, Integer::sum));
            Diagnosis.of(k).forEach((kind, at) -> {
                kinds.merge(kind, 1, Integer::sum);
                at.forEach(line -> lines.computeIfAbsent(kind, x -> new TreeMap<>())
                        .merge(line.toString(), 1, Integer::sum));
            });
        }
        var kindCounts = new ArrayList<KataStats.KindCount>();
        kinds.forEach((kind, n) -> kindCounts.add(new KataStats.KindCount(kind, n)));
        kindCounts.sort(Comparator.comparingInt(KataStats.KindCount::students).reversed()
                .thenComparing(KataStats.KindCount::kind));
        var topLines = new EnumMap<FailureKind, List<Tally>>(FailureKind.class);
        lines.forEach((kind, counts) -> topLines.put(kind, Tally.top(counts, TOP)));
        return new KataStats(kata.id(), kata.title(), graded, passed, graded == 0 ? 0 : points / graded, maxScore,
                Tally.top(failedTests, TOP), List.copyOf(kindCounts), topLines);
    }
}
