package dev.framewire.core.engine;

/** A run that did not complete. {@link #report()} holds what happened up to that point, if known. */
public class RunException extends RuntimeException {
    private final transient RunReport report;

    public RunException(String message, RunReport report, Throwable cause) {
        super(message, cause);
        this.report = report;
    }

    /** The partial report, or {@code null}. */
    public RunReport report() {
        return report;
    }
}
