package dev.framewire.analyzers;

import java.util.Objects;

/**
 * The combined judgement of a photo.
 *
 * @param total        the weighted sum of the rounded analyzer scores, clamped to 0..1, unrounded
 * @param qualityScore {@code total} rounded to 3 decimals as the archive shows it
 * @param verdict      from the unrounded total: so 0.49996 shows as 0.5 and is still {@link Verdict#MAYBE}
 */
public record PhotoVerdict(double total, double qualityScore, Verdict verdict) {
    public PhotoVerdict {
        Objects.requireNonNull(verdict, "verdict");
    }
}
