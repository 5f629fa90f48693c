package dev.framewire.core.process;

/**
 * The child computing an item died (System.exit, a signal, a JVM crash): that item failed; the child is restarted
 * for the next one.
 */
public class ChildFailedException extends RuntimeException {
    private final long sequence;
    private final int exitStatus;

    public ChildFailedException(String message, long sequence, int exitStatus) {
        super(message);
        this.sequence = sequence;
        this.exitStatus = exitStatus;
    }

    public long sequence() {
        return sequence;
    }

    /** The child's exit status; 128 + n for death by signal n. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The signal that killed the child ("SIGKILL"), or null if it exited by itself. */
    public String signal() {
        return Signals.signalOf(exitStatus);
    }
}
