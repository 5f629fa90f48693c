package dev.framewire.analyzers;

/** How sharp a photo is, from the variance of its Laplacian (SPEC.md). */
public enum SharpnessVerdict {
    /** laplacian_var >= 2000 */
    SHARP("sharp", "Well-focused, clear detail throughout"),
    /** 300 <= laplacian_var < 2000 */
    SOFT("soft", "Slightly soft — some detail lost"),
    /** laplacian_var < 300 */
    BLURRY("blurry", "Blurry — out of focus or motion blur");

    /** Lowest laplacian_var that is {@link #SHARP}. */
    public static final double SHARP_FROM = 2000;
    /** Lowest laplacian_var that is {@link #SOFT}. */
    public static final double SOFT_FROM = 300;

    private final String label;
    private final String note;

    SharpnessVerdict(String label, String note) {
        this.label = label;
        this.note = note;
    }

    /** The verdict for a variance of the Laplacian. */
    public static SharpnessVerdict of(double laplacianVar) {
        if (laplacianVar >= SHARP_FROM) {
            return SHARP;
        }
        return laplacianVar >= SOFT_FROM ? SOFT : BLURRY;
    }

    /** The archive's word: {@code sharp}, {@code soft} or {@code blurry}. */
    public String label() {
        return label;
    }

    /** The sentence shown to a user. */
    public String note() {
        return note;
    }
}
