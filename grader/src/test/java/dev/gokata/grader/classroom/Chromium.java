package dev.gokata.grader.classroom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium for the report's tests: found on the PATH, installed with Debian's {@code apt-get install -y
 * chromium} where missing and possible (root), run with a fresh profile and no network features.
 */
final class Chromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "chrome");

    /** The result of one run: its exit status and what it logged. */
    record Run(int exitStatus, String stdout, String stderr) {
    }

    private Chromium() {
    }

    /** The browser, installing it first if it is missing and this process may; empty if neither. */
    static Optional<Path> findOrInstall() throws IOException, InterruptedException {
        var found = find();
        if (found.isPresent() || !"root".equals(System.getProperty("user.name")) || find("apt-get").isEmpty()) {
            return found;
        }
        var install = new ProcessBuilder("sh", "-c",
                "DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium || "
                        + "(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium)")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!install.waitFor(10, TimeUnit.MINUTES)) {
            install.destroyForcibly();
        }
        return find();
    }

    static Optional<Path> find() {
        return NAMES.stream().map(Chromium::find).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Path> find(String name) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code browser} headless on {@code page} with the extra {@code args} (e.g. --screenshot=...). */
    static Run run(Path browser, Path profile, Path page, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        var stdout = Files.createTempFile(profile.getParent(), "chromium-", ".out");
        var stderr = Files.createTempFile(profile.getParent(), "chromium-", ".err");
        var process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 2 minutes: " + command);
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
