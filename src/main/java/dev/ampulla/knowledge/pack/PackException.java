package dev.ampulla.knowledge.pack;

/** A knowledge pack that cannot be used: the message names the file and, where known, the line. */
public final class PackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PackException(String file, int line, String message) {
        super(file + (line > 0 ? " line " + line : "") + ": " + message);
    }

    public PackException(String message) {
        super(message);
    }
}
