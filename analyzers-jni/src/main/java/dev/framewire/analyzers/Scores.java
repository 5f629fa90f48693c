package dev.framewire.analyzers;

/** Small numeric helpers shared by the results. */
final class Scores {
    private Scores() {
    }

    /** {@code min(max(value, 0), 1)}, as numpy's clip on a float. */
    static double clamp01(double value) {
        return Math.min(Math.max(value, 0.0), 1.0);
    }
}
