package dev.gokata.grader.classroom;

import dev.gokata.grader.report.CourseResult;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the course report with Freemarker: {@code report/index.html} (class overview, katas, students),
 * {@code report/students/<student>.html} for staff, and {@code feedback/<student>.html}, a page that can be handed
 * to that student alone; and the same figures as data, {@code report/report.json} ({@link ReportJson}). Pages are
 * self-contained: CSS and SVG charts inline, no script, no network.
 */
public final class CourseReport {

    private static final String TEMPLATES = "/dev/gokata/grader/classroom";

    private final Configuration freemarker;

    public CourseReport() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(CourseReport.class, TEMPLATES);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputEncoding("UTF-8");
        freemarker.setLocale(Locale.ROOT);
        freemarker.setNumberFormat("0.##");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** A student in the index: the results and the file name of their pages. */
    public record StudentRow(String file, CourseResult result) {
    }

    /** A line of the overview: how many grading runs ended some way. */
    public record RunCount(String label, int count) {
    }

    /** Writes every page of the report for {@code students} under {@code out}; returns the index page. */
    public Path write(Course course, List<CourseResult> students, Path out) throws IOException {
        var sorted = students.stream().sorted(Comparator.comparing(CourseResult::student)).toList();
        var stats = ClassStats.of(course, sorted);
        var titles = new HashMap<String, String>();
        stats.katas().forEach(k -> titles.put(k.kata(), k.title()));
        var colors = Arrays.stream(FailureKind.values())
                .collect(Collectors.toMap(FailureKind::name, Charts::color));
        var runs = stats.runs().entrySet().stream()
                .map(e -> new RunCount(switch (e.getKey()) {
                    case GRADED -> "graded to the end";
                    case TIMED_OUT -> "killed at the time limit";
                    case CRASHED -> "crashed";
                    case UNREADABLE -> "unreadable submissions";
                }, e.getValue()))
                .toList();

        var index = new LinkedHashMap<String, Object>();
        index.put("course", course);
        index.put("stats", stats);
        index.put("runs", runs);
        index.put("colors", colors);
        index.put("meanFraction", stats.maxScore() == 0 ? 0 : stats.meanScore() / stats.maxScore());
        index.put("medianFraction", stats.maxScore() == 0 ? 0 : stats.medianScore() / stats.maxScore());
        index.put("distributionChart", Charts.distribution(stats.distribution()));
        index.put("passRateChart", Charts.passRates(stats.katas()));
        index.put("failureChart", Charts.failureMix(stats.katas()));
        index.put("students", sorted.stream().map(s -> new StudentRow(ResultsStore.fileName(s.student()), s)).toList());
        var indexPage = out.resolve("report/index.html");
        render("index.ftlh", index, indexPage);
        ReportJson.of(course, stats, sorted).write(out.resolve("report/report.json"));

        for (var student : sorted) {
            var model = new HashMap<String, Object>();
            model.put("course", course);
            model.put("student", student);
            model.put("titles", titles);
            model.put("scoreChart", Charts.studentScores(student));
            var file = ResultsStore.fileName(student.student()) + ".html";
            render("student.ftlh", model, out.resolve("report/students").resolve(file));
            render("feedback.ftlh", model, out.resolve("feedback").resolve(file));
        }
        return indexPage;
    }

    private void render(String template, Map<String, Object> model, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Template t = freemarker.getTemplate(template);
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            t.process(model, writer);
        } catch (TemplateException e) {
            throw new UncheckedIOException(new IOException("the template " + template + " failed on " + file + ": "
                    + e.getMessage(), e));
        }
    }
}
