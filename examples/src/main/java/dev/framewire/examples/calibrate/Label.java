package dev.framewire.examples.calibrate;

import java.util.Locale;

/**
 * A person's judgement of one photo: a verdict word or a number in [0, 1] (the total they would give it).
 *
 * @param target the total the fit aims at: the given number, or the middle of the verdict's band under the
 *               default thresholds (post_it 0.75, maybe 0.40, delete 0.15)
 * @param verdict the verdict the label stands for, under the thresholds in use
 */
public record Label(String filename, double target, String verdict) {
    static final double POST_IT_TARGET = 0.75;
    static final double MAYBE_TARGET = 0.40;
    static final double DELETE_TARGET = 0.15;

    /**
     * Parses {@code post_it}, {@code maybe}, {@code delete} (any case, also {@code post-it}) or a number in [0, 1].
     *
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public static Label parse(String filename, String text, double postItAbove, double maybeAbove) {
        String word = text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (word) {
            case "post_it":
                return new Label(filename, POST_IT_TARGET, "post_it");
            case "maybe":
                return new Label(filename, MAYBE_TARGET, "maybe");
            case "delete":
                return new Label(filename, DELETE_TARGET, "delete");
            default:
                double value;
                try {
                    value = Double.parseDouble(word);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("label \"" + text.strip()
                            + "\" is not post_it, maybe, delete or a number between 0 and 1");
                }
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException("label " + text.strip() + " is outside 0..1");
                }
                String verdict = value > postItAbove ? "post_it" : value > maybeAbove ? "maybe" : "delete";
                return new Label(filename, value, verdict);
        }
    }
}
