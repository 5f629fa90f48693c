package dev.framewire.analyzers;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal rounding and formatting exactly as the reference scorer (Python) does it: {@code round(x, n)} and
 * {@code f"{x:.nf}"} both round the <em>exact binary value</em> of the double to n decimals, ties to even. Java's
 * {@code String.format} and {@code Math.round} do not (they round a decimal approximation half-up), so archives and
 * notes go through here. Example: 0.125 is exact in binary and rounds to 0.12, while 0.1255 (binary value just below)
 * rounds to 0.125 at 3 decimals.
 */
public final class Decimals {
    private Decimals() {
    }

    /** Python's {@code round(value, places)}. Non-finite values are returned unchanged. */
    public static double round(double value, int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return exact(value, places).doubleValue();
    }

    /** Python's {@code f"{value:.{places}f}"}. */
    public static String format(double value, int places) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cannot format " + value);
        }
        String text = exact(value, places).toPlainString();
        // Python keeps the sign of a negative value that rounds to zero ("-0.0"); so does BigDecimal only if nonzero
        return value < 0 && !text.startsWith("-") ? "-" + text : text;
    }

    private static BigDecimal exact(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN);
    }
}
