package pool;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** A logger that formats each line in a buffer taken from a Pool and given back, instead of a new one per line. */
public class Logger {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    // TODO: create a pool of buffers (a Pool whose New function is newBuffer) that log can reuse.

    /** Makes a new buffer: the pool's New function. */
    protected StringBuilder newBuffer() {
        System.out.println("allocate new bytes.Buffer");
        return new StringBuilder();
    }

    /** Writes {@code HH:MM:SS : val} and a newline to {@code w}, formatted in a pooled buffer. */
    public void log(PrintStream w, String val) {
        // TODO: take the buffer from the pool, reset it, and give it back when the line is written.
        StringBuilder b = newBuffer();
        b.append(LocalTime.now().format(CLOCK)).append(" : ").append(val).append('\n');
        w.print(b);
    }

    public static void main(String[] args) {
        var logger = new Logger();
        logger.log(System.out, "debug-string1");
        logger.log(System.out, "debug-string2");
    }
}
