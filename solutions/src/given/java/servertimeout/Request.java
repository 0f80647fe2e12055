package servertimeout;

/** An HTTP request as the handlers see it: its method and path. */
public record Request(String method, String path) {
}
