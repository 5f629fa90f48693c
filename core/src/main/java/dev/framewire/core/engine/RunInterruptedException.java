package dev.framewire.core.engine;

/**
 * The calling thread was interrupted while a run was going on; the run was stopped, its threads ended, and the
 * caller's interrupt flag set again.
 */
public class RunInterruptedException extends RunException {
    public RunInterruptedException(String message, RunReport report) {
        super(message, report, null);
    }
}
