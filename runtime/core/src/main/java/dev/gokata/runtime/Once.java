package dev.gokata.runtime;

/**
 * Go's {@code sync.Once}: runs a function once; every caller returns only after that first call has finished.
 * TODO(runtime-sync): the implementation; this is the agreed surface.
 */
public final class Once {

    /** Go's {@code once.Do(f)}: calls {@code f} if and only if no call of run on this Once has called it before. */
    public void run(Runnable f) {
        throw new UnsupportedOperationException("not built yet");
    }
}
