package dev.framewire.analyzers;

/** How well a photo is exposed (SPEC.md); the first matching rule wins, in declaration order. */
public enum ExposureVerdict {
    /** clipped shadows + clipped highlights > 0.08 */
    CLIPPED("clipped"),
    /** mean brightness < 0.35 */
    DARK("dark"),
    /** mean brightness > 0.76 */
    BRIGHT("bright"),
    /** otherwise */
    GOOD("good");

    /** Mean brightness of the ideal range, inclusive. */
    public static final double IDEAL_LOW = 0.35, IDEAL_HIGH = 0.76;
    /** Clipped fraction (shadows + highlights) above which a photo is {@link #CLIPPED}. */
    public static final double CLIPPED_ABOVE = 0.08;

    private final String label;

    ExposureVerdict(String label) {
        this.label = label;
    }

    /** The verdict for these statistics. */
    public static ExposureVerdict of(double meanBrightness, double clippedShadows, double clippedHighlights) {
        if (clippedShadows + clippedHighlights > CLIPPED_ABOVE) {
            return CLIPPED;
        }
        if (meanBrightness < IDEAL_LOW) {
            return DARK;
        }
        return meanBrightness > IDEAL_HIGH ? BRIGHT : GOOD;
    }

    /** The archive's word: {@code clipped}, {@code dark}, {@code bright} or {@code good}. */
    public String label() {
        return label;
    }
}
