package dev.framewire.examples.archive;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounds a measure to a fixed number of decimals and spells it the way the reference archive does (Python's
 * {@code round} then {@code repr}): the exact binary value rounded half-even, trailing zeros dropped but at least
 * one decimal kept ({@code 0.0}, {@code 18.52}, {@code 0.0001}), never an exponent. The text depends only on the
 * value, so every engine writes the same bytes.
 */
public final class Decimals {
    private Decimals() {
    }

    /** {@code value} rounded to {@code places} decimals, as JSON number text. */
    public static String format(double value, int places) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot archive a non-finite measure: " + value);
        }
        BigDecimal rounded = new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0.0";
        }
        if (rounded.scale() <= 0) {
            rounded = rounded.setScale(1, RoundingMode.UNNECESSARY);
        }
        return rounded.toPlainString();
    }

    /** {@code value} rounded to {@code places} decimals, as a double (what {@link #format} spells). */
    public static double round(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }
}
