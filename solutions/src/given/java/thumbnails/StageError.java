package thumbnails;

/** A pipeline's error, with the stage it came from: {@code stage = walkFiles: error = walk cancelled}. */
public final class StageError extends Exception {
    private static final long serialVersionUID = 1L;
    private final String stage;

    public StageError(String stage, Throwable err) {
        super("stage = " + stage + ": error = " + err.getMessage(), err);
        this.stage = stage;
    }

    /** The stage that failed: {@code walkFiles}, {@code processImage} or {@code saveThumbnail}. */
    public String stage() {
        return stage;
    }
}
