package dev.gokata.grader.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Linux sandbox: bubblewrap ({@code bwrap}) puts the test JVM in its own network namespace (loopback only),
 * PID, IPC and UTS namespaces, on an empty root that shows only the system's {@code /usr} and libraries, a few
 * files of {@code /etc}, and read-only binds of exactly the paths the JVM needs; {@code /tmp} is a size-limited
 * tmpfs and the only writable place besides the results file. Inside, {@code prlimit} bounds threads, CPU time,
 * file size and core dumps, so student code cannot lift them (it has no capabilities and no new privileges).
 *
 * <p>Run as root, the JVM also drops to a uid of its own ({@code setpriv}): root is exempt from the thread limit,
 * and a uid per sandbox keeps one submission's threads from counting against another's. Unprivileged, bubblewrap
 * makes a user namespace, which already counts threads per sandbox.
 *
 * @param bwrap   the bubblewrap executable
 * @param root    true when the grader runs as root
 * @param version what {@code bwrap --version} said
 */
public record Bubblewrap(Path bwrap, boolean root, String version, SandboxPolicy policy) implements Sandbox {

    /** The first of the uids sandboxes run as under root: far above any real user or subuid range. */
    static final int FIRST_UID = 2_000_000_000;
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<String> ETC = List.of("/etc/hosts", "/etc/localtime", "/etc/nsswitch.conf",
            "/etc/passwd", "/etc/group", "/etc/ld.so.cache", "/etc/alternatives");
    private static volatile Optional<String> probed; // the detection result: empty when bubblewrap works

    @Override
    public List<String> wrap(List<String> command, View view) {
        var cmd = new ArrayList<String>(List.of(bwrap.toString(),
                "--die-with-parent", "--new-session",
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--hostname", "gokata-sandbox",
                "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp",
                "--setenv", "TMPDIR", "/tmp", "--setenv", "LANG", "C.UTF-8"));
        systemMounts(cmd);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(policy.scratchBytes()), "--tmpfs", "/tmp"));
        var readOnly = distinct(view.readOnly());
        var writable = distinct(view.writable());
        parents(cmd, readOnly, writable);
        for (Path p : readOnly) {
            if (Files.exists(p)) {
                cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        int uid = root
                ? FIRST_UID + (int) (ProcessHandle.current().pid() % 100_000) * 100 + RUNS.getAndIncrement() % 100
                : -1;
        for (Path p : writable) {
            if (root) {
                own(p, uid);
            }
            cmd.addAll(List.of("--bind", p.toString(), p.toString()));
        }
        cmd.addAll(List.of("--chdir", "/tmp"));
        if (root) {
            cmd.addAll(List.of("--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                    "/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--bounding-set=-all", "--inh-caps=-all", "--no-new-privs"));
        } else {
            cmd.add("--");
        }
        long cpu = policy.cpuSeconds(view.runLimit());
        cmd.addAll(List.of("/usr/bin/prlimit", "--nproc=" + policy.threads(), "--cpu=" + cpu + ":" + (cpu + 1),
                "--fsize=" + policy.fileBytes(), "--core=0", "--"));
        cmd.addAll(command);
        return cmd;
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "sandbox: %s (no network but loopback, own PIDs, read-only view, %d threads,"
                + " %d MiB scratch)", version, policy.threads(), policy.scratchBytes() >> 20);
    }

    /** The system's programs and libraries, read-only; merged-/usr symlinks stay symlinks. */
    private static void systemMounts(List<String> cmd) {
        cmd.addAll(List.of("--ro-bind", "/usr", "/usr", "--perms", "0755", "--dir", "/etc"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isDirectory(p)) {
                cmd.addAll(List.of("--ro-bind", top, top));
            }
        }
        for (String etc : ETC) {
            cmd.addAll(List.of("--ro-bind-try", etc, etc));
        }
        try (var java = Files.newDirectoryStream(Path.of("/etc"), "java*")) {
            java.forEach(p -> cmd.addAll(List.of("--ro-bind", p.toString(), p.toString())));
        } catch (IOException e) {
            // no /etc/java*: a JDK that keeps its conf/ inside its own folder
        }
    }

    /**
     * The folders above each bind, made world-readable: bubblewrap would make them for the binds, but only for its
     * own user, and the JVM may run as another uid.
     */
    private static void parents(List<String> cmd, List<Path> readOnly, List<Path> writable) {
        var dirs = new java.util.TreeSet<Path>(
                java.util.Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
        for (var list : List.of(readOnly, writable)) {
            for (Path p : list) {
                for (Path d = p.getParent(); d != null && d.getNameCount() > 0 && !d.equals(Path.of("/tmp"));
                        d = d.getParent()) {
                    dirs.add(d);
                }
            }
        }
        for (Path d : dirs) {
            if (readOnly.stream().anyMatch(d::startsWith) || writable.stream().anyMatch(d::startsWith)) {
                continue; // inside a bind: it is the bound folder's own
            }
            cmd.addAll(List.of("--perms", "0755", "--dir", d.toString()));
        }
    }

    private static List<Path> distinct(List<Path> paths) {
        var out = new LinkedHashSet<Path>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith("/usr")) {
                out.add(abs);
            }
        }
        return List.copyOf(out);
    }

    private static void own(Path file, int uid) {
        try {
            Files.setAttribute(file, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(file, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + file + " to the sandbox", e);
        }
    }

    /**
     * Bubblewrap with {@code policy}, if it runs here: Linux, {@code bwrap}, {@code prlimit} (and {@code setpriv}
     * as root) installed, and namespaces allowed (a trial run of {@code bwrap ... true}); else {@link NoSandbox}
     * saying which is missing. The trial runs once per JVM.
     */
    public static Sandbox detect(SandboxPolicy policy) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new NoSandbox(policy, System.getProperty("os.name") + " has no bubblewrap (Linux only)");
        }
        var bwrap = onPath("bwrap");
        if (bwrap.isEmpty()) {
            return new NoSandbox(policy, "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap;"
                    + " Fedora: dnf install bubblewrap)");
        }
        boolean root = isRoot();
        if (!Files.isExecutable(Path.of("/usr/bin/prlimit"))
                || root && !Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return new NoSandbox(policy, "util-linux's prlimit or setpriv is missing from /usr/bin");
        }
        var failed = probed;
        if (failed == null) {
            synchronized (Bubblewrap.class) {
                if (probed == null) {
                    probed = probe(bwrap.get());
                }
                failed = probed;
            }
        }
        if (failed.isPresent()) {
            return new NoSandbox(policy, failed.get());
        }
        return new Bubblewrap(bwrap.get(), root, version(bwrap.get()), policy);
    }

    private static Optional<String> probe(Path bwrap) {
        var cmd = new ArrayList<String>(
                List.of(bwrap.toString(), "--die-with-parent", "--unshare-net", "--unshare-pid"));
        systemMounts(cmd);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--", "/usr/bin/prlimit", "--core=0",
                "--", "true"));
        try {
            var p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("bubblewrap did not start in 20s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of("bubblewrap cannot make namespaces here (" + out + "); unprivileged user namespaces"
                    + " may be turned off (sysctl kernel.unprivileged_userns_clone=1) or a container forbids them");
        } catch (IOException e) {
            return Optional.of("bubblewrap cannot start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bubblewrap");
        }
    }

    private static String version(Path bwrap) {
        try {
            var p = new ProcessBuilder(bwrap.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readNBytes(256), StandardCharsets.UTF_8).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return out.isEmpty() ? "bubblewrap" : out;
        } catch (IOException e) {
            return "bubblewrap";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bubblewrap";
        }
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
