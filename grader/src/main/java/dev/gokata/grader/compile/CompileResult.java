package dev.gokata.grader.compile;

import java.nio.file.Path;

/** How compiling a kata's sources went: its classes, or javac's messages. A compile error is a verdict, not a crash. */
public sealed interface CompileResult {

    /** The sources compiled into {@code classes}; {@code warnings} holds javac's warnings, if any. */
    record Compiled(Path classes, String warnings) implements CompileResult {
    }

    /** The sources did not compile; {@code messages} is what javac prints, with the student's relative paths. */
    record Failed(String messages, int errors) implements CompileResult {
    }
}
