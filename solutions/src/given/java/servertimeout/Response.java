package servertimeout;

/** What a handler answers: a status code and a body. */
public record Response(int status, String body) {
}
