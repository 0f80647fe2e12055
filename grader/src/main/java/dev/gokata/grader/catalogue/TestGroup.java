package dev.gokata.grader.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A hidden test class of a kata and the points it is worth; the points are shared equally among its tests.
 *
 * @param className the simple name of the class in {@code solutions/src/test/java/<kata>/}
 * @param points    what passing every test of the class earns
 */
public record TestGroup(@JsonProperty("class") String className, int points) {
    public TestGroup {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("a test group needs a class (the test class's simple name)");
        }
        if (points < 0) {
            throw new IllegalArgumentException("points of " + className + " must be 0 or more, not " + points);
        }
    }
}
