package io.vaultrisk.allocator;

/** A scenario file that cannot be read as a scenario matrix; the message names the file and line. */
public final class ScenarioFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public ScenarioFileException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.line = line;
    }

    /** The 1-based line at fault, or 0 where the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
