package dev.framewire.benchmarks.report;

import java.util.Locale;

/** Formats scores for people: about three significant digits, no exponent for everyday magnitudes. */
final class Numbers {
    private Numbers() {
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "—";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (abs == 0) {
            return "0";
        }
        if (abs >= 0.001) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String ratio(double speedup) {
        if (Double.isNaN(speedup)) {
            return "—";
        }
        return String.format(Locale.ROOT, speedup >= 1 ? "%.2f×" : "%.3f×", speedup);
    }
}
