package dev.framewire.examples.scorer;

import dev.framewire.analyzers.CompositionAnalyzer;
import dev.framewire.analyzers.CompositionResult;
import dev.framewire.analyzers.ExposureAnalyzer;
import dev.framewire.analyzers.ExposureResult;
import dev.framewire.analyzers.PhotoAnalyzer;
import dev.framewire.analyzers.PhotoVerdict;
import dev.framewire.analyzers.SharpnessAnalyzer;
import dev.framewire.analyzers.SharpnessResult;
import dev.framewire.analyzers.decode.PhotoDecodeException;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.core.frame.Frame;

import java.nio.file.Path;

/**
 * The node functions of the scorer network, as plain static functions: each can be called (and tested) without an
 * engine, and a method reference to one is serializable, so the process engine can run it in a child JVM.
 *
 * <p>Frames: {@link #decode} returns a frame the engine owns from then on; the analyzer functions read the frame
 * they are given in place and neither keep nor release it (the engine releases it after its last reader).
 * The analyzers are immutable and thread-safe, so one instance per JVM serves every replica.
 */
public final class ScorerFunctions {
    private ScorerFunctions() {
    }

    /** Loaded on first use, in whichever JVM runs the node. */
    private static final class Analyzers {
        static final SharpnessAnalyzer SHARPNESS = SharpnessAnalyzer.create();
        static final ExposureAnalyzer EXPOSURE = ExposureAnalyzer.create();
        static final CompositionAnalyzer COMPOSITION = CompositionAnalyzer.create();
        static final PhotoAnalyzer FUSED = PhotoAnalyzer.create();
    }

    /**
     * Decodes one file into a BGR frame.
     *
     * @throws UnscorableException with the decoder's one-line reason ("truncated JPEG", "not an image", ...)
     */
    public static Frame decode(String file, long pixelLimit) {
        try {
            return PhotoDecoder.withPixelLimit(pixelLimit).decode(Path.of(file));
        } catch (PhotoDecodeException e) {
            throw new UnscorableException(e.reason(), e);
        }
    }

    /**
     * Decodes one file and, in the same thread, runs the three analyses as one fused pass over the fresh frame; the
     * results are dropped. Not part of the scorer: {@code decode-only --fused-analysis} times it, as the floor that
     * the scorer's network (three analyzer nodes, each reading the frame) is compared with.
     */
    public static Frame decodeAndAnalyzeFused(String file, long pixelLimit) {
        Frame frame = decode(file, pixelLimit);
        try {
            Analyzers.FUSED.analyze(frame);
        } catch (RuntimeException | Error e) {
            frame.release();
            throw e;
        }
        return frame;
    }

    public static Measures.Sharpness sharpness(Frame frame) {
        SharpnessResult r = Analyzers.SHARPNESS.analyze(frame);
        return new Measures.Sharpness(frame.width(), frame.height(), r.laplacianVar(), r.score(),
                r.verdict().label(), r.note());
    }

    public static Measures.Exposure exposure(Frame frame) {
        ExposureResult r = Analyzers.EXPOSURE.analyze(frame);
        return new Measures.Exposure(r.meanBrightness(), r.clippedShadows(), r.clippedHighlights(), r.score(),
                r.verdict().label(), r.note());
    }

    public static Measures.Composition composition(Frame frame) {
        CompositionResult r = Analyzers.COMPOSITION.analyze(frame);
        return new Measures.Composition(r.thirdsCoverage(), r.centerBias(), r.score(), r.verdict().label(), r.note());
    }

    /** Joins the three measures of one photo into its verdict under {@code weights}. */
    public static Measures.Scored verdict(Measures.Sharpness s, Measures.Exposure e, Measures.Composition c,
                                          ScoringWeights weights) {
        PhotoVerdict v = weights.toPhotoScore().score(s.score(), e.score(), c.score());
        PhotoScores scores = new PhotoScores(v.total(), v.verdict().label(),
                s.laplacianVar(), s.score(), s.verdict(), s.note(),
                e.meanBrightness(), e.clippedShadows(), e.clippedHighlights(), e.score(), e.verdict(), e.note(),
                c.thirdsCoverage(), c.centerBias(), c.score(), c.verdict(), c.note());
        return new Measures.Scored(s.width(), s.height(), scores);
    }
}
