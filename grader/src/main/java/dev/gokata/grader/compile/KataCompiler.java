package dev.gokata.grader.compile;

import dev.gokata.grader.sandbox.FileTrees;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a folder of Java sources with the in-process compiler ({@code javax.tools}) into a fresh output folder,
 * and renders javac's diagnostics as javac prints them, but with paths as the student sees them.
 */
public final class KataCompiler {
    private final List<Path> classpath;
    private final Function<Path, String> show;

    /**
     * @param classpath what the sources compile against (the runtime jar, and for tests the test libraries)
     * @param show      how a source path is printed in messages (relative to the repository)
     */
    public KataCompiler(List<Path> classpath, Function<Path, String> show) {
        this.classpath = List.copyOf(classpath);
        this.show = show;
    }

    /** Compiles every {@code .java} file under {@code sources} (recursively) into {@code out}, emptied first. */
    public CompileResult compile(Path sources, Path out) {
        return compile(List.of(sources), out);
    }

    /** Compiles every {@code .java} file under each of {@code sourceDirs} into {@code out}, emptied first. */
    public CompileResult compile(List<Path> sourceDirs, Path out) {
        return compile(javaFiles(sourceDirs), sourceDirs, out);
    }

    /**
     * Compiles a kata's sources as graded (the student's folder and what the kata gives) into {@code out}; their
     * errors that javac does not check (a file in another package) fail it first.
     */
    public CompileResult compile(GradedSources sources, Path out) {
        if (!sources.errors().isEmpty()) {
            int n = sources.errors().size();
            return new CompileResult.Failed(String.join("", sources.errors()) + n + (n == 1 ? " error\n" : " errors\n"),
                    n);
        }
        return compile(sources.files(), List.of(sources.folder()), out);
    }

    /** Compiles {@code files}, found in {@code lookedIn}, into {@code out}, emptied first. */
    private CompileResult compile(List<Path> files, List<Path> lookedIn, Path out) {
        var compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this JVM: gokata needs a JDK, not a JRE");
        }
        if (files.isEmpty()) {
            var why = new StringBuilder();
            for (Path dir : lookedIn) {
                why.append(show.apply(dir))
                        .append(Files.isDirectory(dir) ? "/ has no .java files\n" : "/ is missing\n");
            }
            return new CompileResult.Failed(why.toString(), 1);
        }
        clean(out);
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (var fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            var units = fm.getJavaFileObjectsFromPaths(files);
            var options = new ArrayList<>(List.of("-d", out.toString(), "-encoding", "UTF-8", "-g", "-parameters",
                    "-proc:none", "-Xlint:-options", "-implicit:none"));
            if (!classpath.isEmpty()) {
                options.add("-classpath");
                options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            }
            var sink = new StringWriter();
            boolean ok = compiler.getTask(sink, fm, diagnostics, options, null, units).call();
            String rendered = render(diagnostics.getDiagnostics());
            if (ok) {
                return new CompileResult.Compiled(out, rendered);
            }
            long errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count();
            return new CompileResult.Failed(rendered + sink, (int) Math.max(1, errors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String render(List<Diagnostic<? extends JavaFileObject>> list) {
        var sb = new StringBuilder();
        int errors = 0;
        int warnings = 0;
        for (var d : list) {
            String kind = switch (d.getKind()) {
                case ERROR -> "error";
                case WARNING, MANDATORY_WARNING -> "warning";
                default -> "note";
            };
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors++;
            } else if (kind.equals("warning")) {
                warnings++;
            }
            if (d.getSource() != null) {
                sb.append(show.apply(Path.of(d.getSource().toUri()))).append(':').append(d.getLineNumber())
                        .append(": ");
            }
            sb.append(kind).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            sourceLine(d).ifPresent(line -> {
                sb.append(line).append('\n');
                long col = d.getColumnNumber();
                if (col > 0) {
                    sb.append(" ".repeat((int) col - 1)).append("^\n");
                }
            });
        }
        if (errors > 0) {
            sb.append(errors).append(errors == 1 ? " error\n" : " errors\n");
        }
        if (warnings > 0) {
            sb.append(warnings).append(warnings == 1 ? " warning\n" : " warnings\n");
        }
        return sb.toString();
    }

    private static java.util.Optional<String> sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() <= 0) {
            return java.util.Optional.empty();
        }
        try {
            var lines = d.getSource().getCharContent(true).toString().split("\r?\n", -1);
            long n = d.getLineNumber();
            return n <= lines.length ? java.util.Optional.of(lines[(int) n - 1]) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Every {@code .java} file under each of {@code dirs} (recursively), sorted; a missing folder has none. */
    public static List<Path> javaFiles(List<Path> dirs) {
        var files = new ArrayList<Path>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Deletes {@code dir} and everything in it, then creates it empty. */
    public static void clean(Path dir) {
        try {
            FileTrees.delete(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dir, e);
        }
    }
}
