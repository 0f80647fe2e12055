package dev.gokata.grader.sandbox;

/** The sandbox was required (batch grading) but cannot run here; the message says why and how to get it. */
public final class SandboxUnavailableException extends RuntimeException {
    public SandboxUnavailableException(String reason) {
        super("no sandbox for student code: " + reason
                + ". Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap) or grade with --no-sandbox"
                + " if you trust every submission");
    }
}
