package dev.gokata.grader.catalogue;

import java.nio.file.Path;

/**
 * Where a course's parts live, relative to its root (a clone of the repository, or an instructor's copy):
 * the student's folders, the reference solutions, the compiled hidden tests, the catalogue and gokata's own files.
 */
public record Course(Path root) {

    public Course {
        root = root.toAbsolutePath().normalize();
    }

    public Path catalogueFile() {
        return root.resolve("solutions/katas.yaml");
    }

    public Path exercises() {
        return root.resolve("exercises");
    }

    /** The student's folder of a kata: {@code exercises/<id>/}. */
    public Path exercise(String kata) {
        return exercises().resolve(kata);
    }

    /** The reference solution's sources: {@code solutions/src/main/java/<id>/}. */
    public Path solution(String kata) {
        return root.resolve("solutions/src/main/java").resolve(kata);
    }

    /**
     * What a kata gives the student, compiled with their code (a fake fetcher, a stand-in for {@code net/http}):
     * {@code solutions/src/given/java/<id>/}, absent for most katas.
     */
    public Path given(String kata) {
        return root.resolve("solutions/src/given/java").resolve(kata);
    }

    /** The hidden tests' sources: {@code solutions/src/test/java/<id>/}. */
    public Path testSources(String kata) {
        return root.resolve("solutions/src/test/java").resolve(kata);
    }

    /** The wrong-solution fixtures of a kata: {@code solutions/fixtures/<id>/}. */
    public Path fixtures(String kata) {
        return root.resolve("solutions/fixtures").resolve(kata);
    }

    /** The record of the starters as the course gives them, which reset restores: {@code solutions/starters.txt}. */
    public Path startersFile() {
        return root.resolve("solutions/starters.txt");
    }

    /** The hidden tests compiled by Maven against the reference solutions. */
    public Path testClasses() {
        return root.resolve("solutions/target/test-classes");
    }

    /** gokata's own files beside the exercises (git-ignored): build output, state. */
    public Path gokataDir() {
        return root.resolve(".gokata");
    }

    public Path stateFile() {
        return gokataDir().resolve("state.json");
    }

    /** Where a kata's classes are compiled to; {@code variant} separates the student's from verify's copies. */
    public Path buildDir(String kata, String variant) {
        return gokataDir().resolve("build").resolve(variant.isEmpty() ? kata : kata + "-" + variant);
    }

    /** A path for messages: relative to the root when inside it, as a student sees it. */
    public String show(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
