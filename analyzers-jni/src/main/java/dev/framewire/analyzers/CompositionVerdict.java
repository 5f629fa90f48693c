package dev.framewire.analyzers;

/** Where a photo's strong edges lie (SPEC.md). */
public enum CompositionVerdict {
    /** thirds coverage >= 0.25 */
    GOOD("good"),
    /** center bias >= 0.35 (and thirds coverage below 0.25) */
    CENTERED("centered"),
    /** otherwise, and always when no pixel is strong */
    SPARSE("sparse");

    /** Thirds coverage from which composition is {@link #GOOD}. */
    public static final double GOOD_FROM = 0.25;
    /** Center bias from which composition is {@link #CENTERED}. */
    public static final double CENTERED_FROM = 0.35;

    private final String label;

    CompositionVerdict(String label) {
        this.label = label;
    }

    /** The verdict for these fractions of strong pixels. */
    public static CompositionVerdict of(long strongPixels, double thirdsCoverage, double centerBias) {
        if (strongPixels == 0) {
            return SPARSE;
        }
        if (thirdsCoverage >= GOOD_FROM) {
            return GOOD;
        }
        return centerBias >= CENTERED_FROM ? CENTERED : SPARSE;
    }

    /** The archive's word: {@code good}, {@code centered} or {@code sparse}. */
    public String label() {
        return label;
    }
}
