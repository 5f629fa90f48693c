package dev.framewire.examples.scorer;

/**
 * The small records the scorer's analyzer nodes emit. They hold only numbers and strings, so every engine can carry
 * them (the process engine encodes records field by field), and each is tiny next to the frame it came from.
 */
public final class Measures {
    private Measures() {
    }

    /** Sharpness of one photo, with the photo's size (the verdict node needs it and has no frame). */
    public record Sharpness(int width, int height, double laplacianVar, double score, String verdict, String note) {
    }

    /** Exposure of one photo. */
    public record Exposure(double meanBrightness, double clippedShadows, double clippedHighlights, double score,
                           String verdict, String note) {
    }

    /** Composition of one photo. */
    public record Composition(double thirdsCoverage, double centerBias, double score, String verdict, String note) {
    }

    /** The verdict node's output: everything the sinks need about one scored photo. */
    public record Scored(int width, int height, PhotoScores scores) {
    }
}
