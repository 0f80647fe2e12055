package dev.gokata.grader.sandbox;

import java.util.List;

/**
 * No isolation: the test JVM runs as a plain child process with the grader's own permissions (macOS, Windows, no
 * bubblewrap or namespaces, or turned off). The heap and wall-clock limits still hold; nothing else does.
 *
 * @param reason why there is no sandbox, for people
 */
public record NoSandbox(SandboxPolicy policy, String reason) implements Sandbox {

    @Override
    public List<String> wrap(List<String> command, View view) {
        return List.copyOf(command);
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public String describe() {
        return "no sandbox: " + reason + "; the hidden tests run student code with your own permissions";
    }
}
