package io.cscartxero.cscart.php;

/**
 * Input that is not well-formed PHP {@code serialize()} output, or that exceeds the reader's limits. The message
 * names the zero-based byte offset where reading stopped, e.g. {@code expected ':' at byte 17}.
 */
public class PhpFormatException extends Exception {

    private final int offset;

    public PhpFormatException(String problem, int offset) {
        super(problem + " at byte " + offset);
        this.offset = offset;
    }

    /** Zero-based offset in the input where the problem was found. */
    public int offset() {
        return offset;
    }
}
