package dev.framewire.core.engine;

/** Unwinds a runner's thread when the run stops; carries no stack trace (it is control flow, not an error). */
final class Stopped extends RuntimeException {
    static final Stopped INSTANCE = new Stopped();

    private Stopped() {
        super("run stopped", null, false, false);
    }
}
