package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;

/** A run stopped by fail-fast at its first error ({@link #error()}), or one that could not go on. */
public class RunFailedException extends RunException {
    private final ItemError error;

    public RunFailedException(String message, ItemError error, RunReport report, Throwable cause) {
        super(message, report, cause);
        this.error = error;
    }

    /** The error that stopped the run, or {@code null} if the run failed for another reason. */
    public ItemError error() {
        return error;
    }
}
