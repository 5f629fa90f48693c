package dev.framewire.examples.scorer;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Merge;
import dev.framewire.core.network.Merged2;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import dev.framewire.core.network.Source;
import dev.framewire.core.network.Transform;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.thumbnails.Thumbnailer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The photo scorer as a framewire network, the same object for every engine:
 *
 * <pre>
 *  paths ─▶ decode ×N ─┬─▶ sharpness ──┐
 *                      ├─▶ exposure ───┼─▶ verdict (MergeSynch + verdict) ─┬─▶ archive sink
 *                      ├─▶ composition ┘                                   ├─▶ terminal sink
 *                      └─▶ thumbnail (with --report) ─▶ merge-report ◀─────┘ ─▶ report sink
 * </pre>
 *
 * Every input yields exactly one outcome at every sink: a file that cannot be scored fails in {@code decode}, and its
 * error outcome flows through the merges to the sinks, which turn it into a {@link FailedPhoto}. Sinks see outcomes in
 * sequence order, which is input order (nothing renumbers), and an {@link InputOrder} buffer makes that independent
 * of any engine's delivery order.
 *
 * <p>Memory: a decoded frame is released by the engine right after its last reader (the slowest analyzer or the
 * thumbnail node); channels hold at most {@link Settings#channelCapacity()} items, so the number of live frames is
 * bounded by the in-flight window (about decode workers + 4 x capacity), not by the size of the folder.
 */
public final class ScorerNetwork {
    /** How to run the scorer. */
    public record Settings(EngineMode mode, int workers, ScoringWeights weights, long pixelLimit,
                           Thumbnailer thumbnails, Duration timeout, int channelCapacity) {
        public Settings {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(timeout, "timeout");
            if (workers < 1) {
                throw new IllegalArgumentException("need at least 1 worker, got " + workers);
            }
        }
    }

    private ScorerNetwork() {
    }

    /**
     * Builds the network for {@code inputs}. {@code sinks} receive outcomes in input order; each is called from one
     * thread at a time (the engine's thread for that sink).
     *
     * @param sinks named consumers of outcomes (e.g. "archive", "terminal")
     * @param reportSink consumer of outcomes with thumbnails, or null for no thumbnail branch
     */
    public static Network build(List<PhotoInput> inputs, Settings settings,
                                List<NamedSink> sinks, BiConsumer<PhotoOutcome, byte[]> reportSink) {
        List<String> files = new ArrayList<>(inputs.size());
        for (PhotoInput input : inputs) {
            files.add(input.file().toString());
        }
        long pixelLimit = settings.pixelLimit();
        ScoringWeights weights = settings.weights();

        NetworkBuilder b = Network.builder("photo-scorer");
        Source<String> paths = b.source("paths", String.class, files);
        Transform<String, Frame> decode = b.transform("decode", paths.out(), Frame.class,
                file -> ScorerFunctions.decode(file, pixelLimit)).workers(settings.workers());
        Transform<Frame, Measures.Sharpness> sharpness =
                b.transform("sharpness", decode.out(), Measures.Sharpness.class, ScorerFunctions::sharpness);
        Transform<Frame, Measures.Exposure> exposure =
                b.transform("exposure", decode.out(), Measures.Exposure.class, ScorerFunctions::exposure);
        Transform<Frame, Measures.Composition> composition =
                b.transform("composition", decode.out(), Measures.Composition.class, ScorerFunctions::composition);
        // MergeSynch joins the three measures of each photo and its combiner makes the verdict: a few arithmetic
        // operations, done where the merge runs (the coordinator, in the process engine) instead of in a child JVM.
        Merge<Measures.Scored> verdict = b.mergeSynch("verdict", sharpness.out(), exposure.out(), composition.out(),
                Measures.Scored.class, (s, e, c) -> ScorerFunctions.verdict(s, e, c, weights));

        for (NamedSink sink : sinks) {
            InputOrder<PhotoOutcome> ordered = new InputOrder<>(sink.consumer());
            b.outcomeSink(sink.name(), verdict.out(),
                    outcome -> ordered.accept(index(outcome), toPhotoOutcome(inputs, outcome)));
        }
        if (reportSink != null) {
            Thumbnailer thumbnailer = Objects.requireNonNull(settings.thumbnails(), "thumbnails");
            Transform<Frame, byte[]> thumbnail = b.transform("thumbnail", decode.out(), byte[].class,
                    frame -> thumbnailer.apply(frame).bytes());
            Merge<Merged2<Measures.Scored, byte[]>> withThumbnail =
                    b.mergeSynch("merge-report", verdict.out(), thumbnail.out());
            InputOrder<Merged2<PhotoOutcome, byte[]>> ordered =
                    new InputOrder<>(m -> reportSink.accept(m.first(), m.second()));
            b.outcomeSink("report", withThumbnail.out(),
                    outcome -> ordered.accept(index(outcome), withThumbnail(inputs, outcome)));
        }
        return b.build();
    }

    /** A sink of the network: its node name and what it does with each outcome. */
    public record NamedSink(String name, Consumer<PhotoOutcome> consumer) {
    }

    /** Runs {@code network} on the engine {@code settings} names. */
    public static RunReport run(Network network, Settings settings) {
        return Engines.run(network, settings.mode(), runOptions(settings));
    }

    /** Runs on {@code engine} (one the caller keeps, such as {@link Engines#warmProcessEngine()}) with the settings' run options. */
    public static RunReport run(Network network, Settings settings, Engine engine) {
        return network.run(engine, runOptions(settings));
    }

    private static RunOptions runOptions(Settings settings) {
        return RunOptions.defaults()
                .withTimeout(settings.timeout())
                .withChannelCapacity(settings.channelCapacity());
    }

    private static int index(Outcome<?> outcome) {
        return Math.toIntExact(outcome.sequence());
    }

    private static PhotoOutcome toPhotoOutcome(List<PhotoInput> inputs, Outcome<Measures.Scored> outcome) {
        if (outcome instanceof Outcome.Value<Measures.Scored> v) {
            return scored(inputs, v.sequence(), v.value());
        }
        Outcome.Failure<Measures.Scored> f = (Outcome.Failure<Measures.Scored>) outcome;
        return failed(inputs, f.sequence(), f.error());
    }

    private static Merged2<PhotoOutcome, byte[]> withThumbnail(List<PhotoInput> inputs,
                                                               Outcome<Merged2<Measures.Scored, byte[]>> outcome) {
        if (outcome instanceof Outcome.Value<Merged2<Measures.Scored, byte[]>> v) {
            return new Merged2<>(scored(inputs, v.sequence(), v.value().first()), v.value().second());
        }
        Outcome.Failure<?> f = (Outcome.Failure<?>) outcome;
        return new Merged2<>(failed(inputs, f.sequence(), f.error()), null);
    }

    private static PhotoOutcome scored(List<PhotoInput> inputs, long sequence, Measures.Scored s) {
        return new ScoredPhoto(inputs.get(Math.toIntExact(sequence)), s.width(), s.height(), s.scores());
    }

    private static PhotoOutcome failed(List<PhotoInput> inputs, long sequence, ItemError error) {
        return new FailedPhoto(inputs.get(Math.toIntExact(sequence)), reason(error));
    }

    /**
     * The archive's {@code error} for an item error: the decoder's own reason for an unscorable file; otherwise the
     * node that failed and what it said (a bug or a crashed worker process, which should not look like bad input).
     */
    static String reason(ItemError error) {
        String prefix = UnscorableException.class.getSimpleName() + ": ";
        String message = error.message();
        if (message.startsWith(prefix)) {
            return message.substring(prefix.length());
        }
        return error.node() + " failed: " + message;
    }
}
