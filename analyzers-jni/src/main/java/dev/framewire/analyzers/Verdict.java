package dev.framewire.analyzers;

/** What to do with a photo, from its total score (see {@link PhotoScore}). */
public enum Verdict {
    /** worth keeping: total above the post-it threshold (0.50 by default) */
    POST_IT("post_it"),
    /** look again: total above the maybe threshold (0.30 by default) */
    MAYBE("maybe"),
    /** the rest */
    DELETE("delete");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The archive's word: {@code post_it}, {@code maybe} or {@code delete}. */
    public String label() {
        return label;
    }
}
