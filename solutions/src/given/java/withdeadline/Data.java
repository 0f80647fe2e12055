package withdeadline;

/** The result of the computation. */
public record Data(String result) {
}
