package dev.gokata.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps course.md's channel sections honest about the code: every Java name they quote in backticks as
 * {@code Type} or {@code Type.member} (outside code blocks) must exist, in the runtime ({@code dev.gokata.runtime})
 * or in the JDK packages the course compares it with. When the runtime renames {@code Chan.recvq} or drops
 * {@code Sudog.done}, this test fails and names the sentence to rewrite. Go's own names ({@code hchan},
 * {@code sendq}) start with a lower-case letter and are not checked.
 */
class ChannelsCourseDocTest {
    private static final List<String> PACKAGES = List.of("dev.gokata.runtime", "dev.gokata.runtime.race",
            "java.lang", "java.util", "java.util.concurrent", "java.util.concurrent.locks");
    /** {@code Type}, {@code Type<T>}, {@code Type.member}, {@code Type.member()} and {@code Type(args)}. */
    private static final Pattern NAME = Pattern.compile(
            "([A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)(?:<[^>]*>)?(?:\\.([A-Za-z_][A-Za-z0-9_]*))?(?:\\(.*\\))?");
    private static final Pattern BACKTICKS = Pattern.compile("`([^`\\n]+)`");

    @ParameterizedTest(name = "## {0}")
    @ValueSource(strings = {"Channels", "Channel direction", "Channel ownership", "Channels deep dive", "Select"})
    void everyJavaNameTheSectionQuotesExists(String heading) throws IOException {
        List<String> names = quotedNames(section(heading));
        var missing = new ArrayList<String>();
        int runtimeNames = 0;
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            m.matches();
            Optional<Class<?>> type = resolve(m.group(1));
            if (type.isEmpty()) {
                missing.add("`" + name + "`: no class " + m.group(1) + " in " + PACKAGES);
                continue;
            }
            if (type.get().getPackageName().startsWith("dev.gokata.runtime")) {
                runtimeNames++;
            }
            if (m.group(2) != null && !hasMember(type.get(), m.group(2))) {
                missing.add("`" + name + "`: " + type.get().getName() + " has no field or method " + m.group(2));
            }
        }
        assertTrue(missing.isEmpty(), "course.md, section '" + heading + "', names code that does not exist (any "
                + "more): rewrite those sentences to describe the code as it is:\n  " + String.join("\n  ", missing));
        if (heading.equals("Channels deep dive")) {
            assertTrue(runtimeNames >= 30, "the deep dive should name the runtime's classes and members in "
                    + "backticks (Chan.recvq, Sudog.elem, ...); found only " + runtimeNames + ", so this check "
                    + "would prove little");
        }
    }

    /** The text of {@code ## heading} up to the next {@code ## }, without fenced code blocks. */
    private static String section(String heading) throws IOException {
        List<String> lines = Files.readAllLines(courseMd(), StandardCharsets.UTF_8);
        int start = lines.indexOf("## " + heading);
        assertTrue(start >= 0, "course.md has no section '## " + heading + "'");
        var text = new StringBuilder();
        boolean fenced = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> quotedNames(String text) {
        var names = new ArrayList<String>();
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            String span = m.group(1).trim();
            if (NAME.matcher(span).matches()) {
                names.add(span);
            }
        }
        return names;
    }

    private static Optional<Class<?>> resolve(String simpleName) {
        for (String pkg : PACKAGES) {
            try {
                return Optional.of(Class.forName(pkg + "." + simpleName, false,
                        ChannelsCourseDocTest.class.getClassLoader()));
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        return Optional.empty();
    }

    private static boolean hasMember(Class<?> type, String name) {
        Set<Class<?>> seen = new HashSet<>();
        var todo = new ArrayList<Class<?>>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.removeLast();
            if (c == null || !seen.add(c)) {
                continue;
            }
            if (Stream.concat(Stream.of(c.getDeclaredFields()), Stream.of(c.getDeclaredMethods()))
                    .map(Member::getName).anyMatch(name::equals)) {
                return true;
            }
            todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    private static Path courseMd() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("course.md")) && Files.isDirectory(dir.resolve("solutions"))) {
                return dir.resolve("course.md");
            }
        }
        throw new IllegalStateException("no course.md in " + Path.of("").toAbsolutePath() + " or above");
    }
}
