package dev.gokata.grader.catalogue;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One kata of the catalogue, as {@code solutions/katas.yaml} describes it (the file's header documents each field).
 * The id is also the folder under {@code exercises/} and the Java package.
 */
public record Kata(
        String id,
        String title,
        String section,
        String main,
        @JsonDeserialize(using = GoDuration.class) Duration timeLimit,
        @JsonDeserialize(using = GoDuration.class) Duration testTimeLimit,
        List<TestGroup> tests,
        List<String> hints,
        Boolean ready) {

    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);
    static final Duration DEFAULT_TEST_TIME_LIMIT = Duration.ofSeconds(10);

    public Kata {
        Objects.requireNonNull(id, "a kata needs an id");
        if (!id.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("kata id \"" + id + "\" must be a Java package name:"
                    + " lower-case letters and digits");
        }
        title = title == null ? id : title;
        section = section == null ? "" : section;
        main = main == null ? "Main" : main;
        timeLimit = timeLimit == null ? DEFAULT_TIME_LIMIT : timeLimit;
        testTimeLimit = testTimeLimit == null ? DEFAULT_TEST_TIME_LIMIT : testTimeLimit;
        tests = tests == null ? List.of() : List.copyOf(tests);
        hints = hints == null ? List.of() : List.copyOf(hints);
        ready = ready == null || ready;
    }

    /** True once the kata's starter, README, solution and tests are all there. */
    public boolean isReady() {
        return ready;
    }

    /** The points all the kata's tests are worth together. */
    public int points() {
        return tests.stream().mapToInt(TestGroup::points).sum();
    }

    /** The fully qualified name of a test group's class: the kata's package plus the simple name. */
    public String qualified(String simpleName) {
        return id + "." + simpleName;
    }
}
