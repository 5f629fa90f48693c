package dev.framewire.examples.calibrate;

import dev.framewire.core.engine.RunException;
import dev.framewire.examples.ExitCodes;
import dev.framewire.examples.FramewireCli;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.scorer.EngineMode;
import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoOutcome;
import dev.framewire.examples.scorer.PhotoScores;
import dev.framewire.examples.scorer.ScoredPhoto;
import dev.framewire.examples.scorer.ScorerNetwork;
import dev.framewire.examples.scorer.ScoringWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code framewire calibrate LABELS.csv}: fit the score weights to a person's own verdicts. */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Fit the score weights to your own judgement. LABELS.csv has lines filename,label where label is "
                        + "post_it, maybe, delete or a number from 0 to 1 (file names relative to the CSV's folder).",
                "Each photo's sharpness, exposure and composition scores are computed, the weights are fitted by "
                        + "least squares (LAPACK dgels through OpenBLAS, never negative), and written to a file that "
                        + "`framewire score --weights FILE` reads. Word labels aim at totals of 0.75 / 0.40 / 0.15."},
        footer = {"", ExitCodes.HELP, "",
                "Example:",
                "  framewire calibrate my-labels.csv --out my-weights.json",
                "  framewire score ~/Pictures --weights my-weights.json"})
public final class CalibrateCommand implements Callable<Integer> {
    @ParentCommand
    private FramewireCli cli;

    @Parameters(paramLabel = "LABELS.csv", description = "filename,label lines.")
    private Path labelsFile;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the fitted weights "
            + "(default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("weights.json");

    @Option(names = "--post-it-above", paramLabel = "T", description = "post_it threshold to keep (default 0.50).")
    private double postItAbove = ScoringWeights.DEFAULT.postItAbove();

    @Option(names = "--maybe-above", paramLabel = "T", description = "maybe threshold to keep (default 0.30).")
    private double maybeAbove = ScoringWeights.DEFAULT.maybeAbove();

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", description = "Engine: sequential, threads or processes "
            + "(default: ${DEFAULT-VALUE}).")
    private EngineMode mode = EngineMode.THREADS;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "Decoder replicas (default: CPUs).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws IOException {
        PrintStream o = cli.out();
        PrintStream err = cli.err();
        ScoringWeights current;
        List<LabelsCsv.LabelledFile> labels;
        try {
            current = ScoringWeights.DEFAULT.withThresholds(postItAbove, maybeAbove);
            labels = LabelsCsv.read(labelsFile, postItAbove, maybeAbove);
        } catch (IOException | IllegalArgumentException e) {
            err.println("framewire calibrate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<PhotoInput> inputs = new ArrayList<>();
        for (LabelsCsv.LabelledFile l : labels) {
            inputs.add(new PhotoInput(inputs.size(), l.file(), l.shownAs(),
                    l.file().getFileName() == null ? l.shownAs() : l.file().getFileName().toString()));
        }
        List<PhotoOutcome> outcomes = new ArrayList<>();
        ScorerNetwork.Settings settings = new ScorerNetwork.Settings(mode, Math.max(1, workers), current,
                dev.framewire.analyzers.decode.PhotoDecoder.DEFAULT_PIXEL_LIMIT, null, Duration.ofDays(365),
                Math.max(2, workers));
        long start = System.nanoTime();
        try {
            ScorerNetwork.run(ScorerNetwork.build(inputs, settings,
                    List.of(new ScorerNetwork.NamedSink("collect", outcomes::add)), null), settings);
        } catch (RunException e) {
            err.println("framewire calibrate: the run failed: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        List<WeightFit.Sample> samples = new ArrayList<>();
        List<FailedPhoto> failed = new ArrayList<>();
        for (PhotoOutcome outcome : outcomes) {
            if (outcome instanceof ScoredPhoto s) {
                PhotoScores p = s.scores();
                samples.add(new WeightFit.Sample(s.input().displayPath(), p.sharpnessScore(), p.exposureScore(),
                        p.compositionScore(), labels.get(s.input().index()).label()));
            } else {
                failed.add((FailedPhoto) outcome);
            }
        }
        for (FailedPhoto f : failed) {
            err.println("framewire calibrate: skipping " + f.input().displayPath() + ": " + f.reason());
        }
        WeightFit.Result fit;
        try {
            fit = WeightFit.fit(samples, current);
        } catch (IllegalArgumentException e) {
            err.println("framewire calibrate: cannot fit weights: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        fit.fitted().write(out);
        double seconds = (System.nanoTime() - start) / 1e9;
        o.printf(Locale.ROOT, "Scored %d labelled photos in %.1f s%s.%n", samples.size(), seconds,
                failed.isEmpty() ? "" : " (" + failed.size() + " could not be scored)");
        o.println("Fitted weights (non-negative least squares, LAPACK dgels):");
        o.printf(Locale.ROOT, "  sharpness    %.4f   (was %.2f)%n", fit.fitted().sharpness(), current.sharpness());
        o.printf(Locale.ROOT, "  exposure     %.4f   (was %.2f)%n", fit.fitted().exposure(), current.exposure());
        o.printf(Locale.ROOT, "  composition  %.4f   (was %.2f)%n", fit.fitted().composition(), current.composition());
        o.printf(Locale.ROOT, "Labels reproduced: %d of %d with the fitted weights, %d of %d with the defaults "
                        + "(rms error %.3f).%n", fit.fittedReproduced(), fit.samples(), fit.currentReproduced(),
                fit.samples(), fit.residual());
        o.println("Wrote " + out + "; use it with: framewire score --weights " + out + " DIR");
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
