package dev.gokata.grader.catalogue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reads durations the way Go writes them in the catalogue ({@code 60s}, {@code 500ms}, {@code 2m}), and prints them
 * back.
 */
public final class GoDuration extends JsonDeserializer<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)");

    /** Parses {@code 60s}, {@code 500ms} or {@code 2m}. */
    public static Duration parse(String text) {
        var m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: \"" + text + "\" (write it as 500ms, 10s or 2m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** Go's short form: {@code 10s}, {@code 1.5s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        try {
            return parse(p.getValueAsString());
        } catch (IllegalArgumentException e) {
            throw ctxt.weirdStringException(p.getValueAsString(), Duration.class, e.getMessage());
        }
    }
}
