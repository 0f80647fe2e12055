package dev.gokata.grader.worker;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the JVM's linkage errors, which a test meets when the student changed a class, method or field the test
 * calls, into a sentence a student understands.
 */
public final class Explain {
    private static final Pattern METHOD = Pattern.compile(
            "'(?<ret>[^ ]+) (?<owner>[\\w.$]+)\\.(?<name>[\\w$<>]+)\\((?<args>[^)]*)\\)'");
    private static final Pattern FIELD = Pattern.compile(
            "(?:Class (?<owner>[\\w.$]+) does not have member field '(?<type>[^ ]+) (?<name>\\w+)')"
                    + "|(?:'(?<type2>[^ ]+) (?<owner2>[\\w.$]+)\\.(?<name2>\\w+)')");
    private static final String KEEP = "keep the names, parameter and return types of the starter's public classes,"
            + " methods and fields";

    private Explain() {
    }

    /** Whether a test's failure {@code message} is such an explanation: the code lacks what the test uses. */
    public static boolean isLinkage(String message) {
        return message != null && message.contains(KEEP);
    }

    /** The explanation, if {@code t} or one of its causes is a linkage error. */
    static Optional<String> linkage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            switch (c) {
                case NoSuchMethodError e -> {
                    var mm = METHOD.matcher(m);
                    return Optional.of(mm.find()
                            ? "the test calls " + simple(mm.group("owner")) + "." + mm.group("name") + "("
                               + simpleArgs(mm.group("args")) + ") returning " + simple(mm.group("ret"))
                               + ", which your code no longer has: " + KEEP
                            : "the test calls a method your code no longer has (" + m + "): " + KEEP);
                }
                case NoSuchFieldError e -> {
                    var fm = FIELD.matcher(m);
                    if (fm.find()) {
                        String owner = fm.group("owner") != null ? fm.group("owner") : fm.group("owner2");
                        String name = fm.group("name") != null ? fm.group("name") : fm.group("name2");
                        return Optional.of("the test uses the field " + simple(owner) + "." + name
                                + ", which your code no longer has: " + KEEP);
                    }
                    return Optional.of("the test uses the field " + m + ", which your code no longer has: " + KEEP);
                }
                case NoClassDefFoundError e -> {
                    return Optional.of("the test uses the class " + m.replace('/', '.')
                            + ", which your code no longer has: " + KEEP);
                }
                case AbstractMethodError e -> {
                    return Optional.of("a class of yours no longer implements a method the test needs (" + m + "): "
                            + KEEP);
                }
                case IncompatibleClassChangeError e -> {
                    return Optional.of("a class, method or field the test uses changed its kind"
                            + " (static or not, class or interface): " + m + ": " + KEEP);
                }
                case ExceptionInInitializerError e -> {
                    // look at the cause
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    private static String simpleArgs(String args) {
        if (args.isBlank()) {
            return "";
        }
        var parts = args.split(",\\s*");
        var sb = new StringBuilder();
        for (String p : parts) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(simple(p));
        }
        return sb.toString();
    }

    private static String simple(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }
}
