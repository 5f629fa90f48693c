package dev.framewire.examples.scorer;

import dev.framewire.core.engine.RunException;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.network.Network;
import dev.framewire.examples.ExitCodes;
import dev.framewire.examples.FramewireCli;
import dev.framewire.examples.archive.ArchiveWriter;
import dev.framewire.examples.input.InputException;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.input.PhotoInputs;
import dev.framewire.examples.report.HtmlReport;
import dev.framewire.examples.terminal.ConsoleView;
import dev.framewire.examples.thumbnails.Thumbnailer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code framewire score DIR...}: a verdict for every photo, on the terminal, in an archive, in a report. */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        description = {
                "Score every photo in the folders: post_it (keep), maybe or delete, from sharpness, exposure and "
                        + "composition.",
                "Photos are files ending in .jpg .jpeg .png .bmp .tif .tiff .webp (any case), taken in name order. "
                        + "A file that cannot be scored is reported and the run goes on."},
        sortOptions = false,
        footer = {"", ExitCodes.HELP, "",
                "Examples:",
                "  framewire score examples/demo-photos",
                "  framewire score ~/Pictures/trip --recursive --out trip.jsonl --report trip.html",
                "  framewire score photos --json | jq -r 'select(.verdict==\"delete\") | .path'"})
public final class ScoreCommand implements Callable<Integer> {
    /** The engine measured fastest on a 2-core machine for whole runs (see the README's cli section). */
    static final EngineMode DEFAULT_MODE = EngineMode.THREADS;

    @ParentCommand
    private FramewireCli cli;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Folders (or single files) to score.")
    private List<String> folders;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE",
            description = "Engine: sequential, threads or processes (default: ${DEFAULT-VALUE}, the fastest here).")
    private EngineMode mode = DEFAULT_MODE;

    @Option(names = {"-w", "--workers"}, paramLabel = "N",
            description = "Decoder replicas (default: the number of CPUs, ${DEFAULT-VALUE}).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.jsonl", description = "Write the JSONL archive here.")
    private Path out;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Write a self-contained HTML contact sheet with thumbnails, scores and a histogram.")
    private Path report;

    @Option(names = "--json", description = "Write the archive to standard output (for pipes); the summary goes "
            + "to standard error.")
    private boolean json;

    @Option(names = {"-r", "--recursive"}, description = "Also score photos in sub-folders (symlink loops are safe).")
    private boolean recursive;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but the files that could not be scored.")
    private boolean quiet;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights and thresholds from a JSON file, as written by `framewire calibrate`.")
    private Path weightsFile;

    @Option(names = "--sharpness-weight", paramLabel = "W", description = "Weight of sharpness (default 0.4).")
    private Double sharpnessWeight;

    @Option(names = "--exposure-weight", paramLabel = "W", description = "Weight of exposure (default 0.4).")
    private Double exposureWeight;

    @Option(names = "--composition-weight", paramLabel = "W", description = "Weight of composition (default 0.2).")
    private Double compositionWeight;

    @Option(names = "--post-it-above", paramLabel = "T", description = "Total above which a photo is post_it "
            + "(default 0.50).")
    private Double postItAbove;

    @Option(names = "--maybe-above", paramLabel = "T", description = "Total above which a photo is maybe "
            + "(default 0.30).")
    private Double maybeAbove;

    @Option(names = "--max-megapixels", paramLabel = "MP", description = "Refuse images larger than this, from "
            + "their header, before decoding (default: ${DEFAULT-VALUE}).")
    private double maxMegapixels = 100;

    @Option(names = "--stats", description = "After the run, print the engine's report to standard error: per node "
            + "items, busy time, queue wait and latency percentiles.")
    private boolean stats;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up if the run takes longer "
            + "(default: ${DEFAULT-VALUE}; 0 for no limit).")
    private long timeoutSeconds = 0;

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = cli.out();
        PrintStream err = cli.err();
        if (workers < 1) {
            err.println("framewire score: --workers must be at least 1, got " + workers);
            return ExitCodes.USAGE;
        }
        if (!(maxMegapixels > 0)) {
            err.println("framewire score: --max-megapixels must be positive, got " + maxMegapixels);
            return ExitCodes.USAGE;
        }
        ScoringWeights weights;
        try {
            weights = weights();
        } catch (IOException | IllegalArgumentException e) {
            err.println("framewire score: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<PhotoInput> inputs;
        try {
            inputs = PhotoInputs.discover(folders, recursive);
        } catch (InputException e) {
            err.println("framewire score: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        PrintStream human = json ? err : stdout;
        if (inputs.isEmpty()) {
            if (!quiet) {
                human.println("No photos in " + String.join(", ", folders) + " (looked for .jpg .jpeg .png .bmp .tif "
                        + ".tiff .webp" + (recursive ? ", in sub-folders too" : "; --recursive looks in sub-folders")
                        + ").");
            }
            if (json) {
                stdout.flush();
            }
            return ExitCodes.OK;
        }

        ConsoleView.Style style = quiet ? ConsoleView.Style.QUIET
                : cli.terminal() && !json ? ConsoleView.Style.LIVE : ConsoleView.Style.PLAIN;
        ConsoleView console = new ConsoleView(quiet ? err : human, style, !json,
                inputs.stream().map(PhotoInput::filename).toList());
        int[] failed = {0};
        List<ScorerNetwork.NamedSink> sinks = new ArrayList<>();
        sinks.add(new ScorerNetwork.NamedSink("terminal", outcome -> {
            if (outcome instanceof FailedPhoto) {
                failed[0]++;
            }
            console.accept(outcome);
        }));
        ArchiveWriter archive = null;
        Writer reportWriter = null;
        Path opening = out;
        try {
            if (json) {
                archive = new ArchiveWriter(stdout, false);
            } else if (out != null) {
                archive = new ArchiveWriter(new BufferedOutputStream(Files.newOutputStream(out), 1 << 16), true);
            }
            // opened before the run, so a bad path is refused now rather than after the photos are scored
            if (report != null) {
                opening = report;
                reportWriter = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            if (archive != null) {
                archive.close();
            }
            err.println("framewire score: cannot write " + opening + " (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.USAGE;
        }
        if (archive != null) {
            sinks.add(new ScorerNetwork.NamedSink("archive", archive::write));
        }
        List<HtmlReport.Entry> reportEntries = report == null ? null : new ArrayList<>();
        ScorerNetwork.Settings settings = new ScorerNetwork.Settings(mode, workers, weights,
                Math.round(maxMegapixels * 1_000_000), report == null ? null : new Thumbnailer(320, Thumbnailer.Format.JPEG, 82),
                timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : Duration.ofDays(365),
                channelCapacity(workers));
        Network network = ScorerNetwork.build(inputs, settings, sinks,
                reportEntries == null ? null : (outcome, thumb) -> reportEntries.add(new HtmlReport.Entry(outcome, thumb)));
        long start = System.nanoTime();
        try {
            RunReport runReport = ScorerNetwork.run(network, settings);
            if (stats) {
                err.print(runReport);
            }
        } catch (RunException e) {
            console.finish(List.of());
            if (reportWriter != null) {
                reportWriter.close();
            }
            err.println("framewire score: the run failed: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        } finally {
            if (archive != null) {
                archive.close();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> written = new ArrayList<>();
        if (out != null && !json) {
            written.add("Archive: " + out);
        }
        if (reportWriter != null) {
            try (Writer w = reportWriter) {
                HtmlReport.write(w, String.join(", ", folders), reportEntries, weights, String.format(Locale.ROOT,
                        "%d files scored in %.1f s (%.1f photos/s), %s engine", inputs.size(), seconds,
                        inputs.size() / seconds, mode.label()));
            }
            written.add("Report:  " + report);
        }
        console.finish(written);
        return failed[0] == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    /**
     * Items a channel may hold: enough to keep every decoder busy, small enough that decoded frames waiting for an
     * analyzer stay few (each 12 MP frame is 36 MB).
     */
    static int channelCapacity(int workers) {
        return Math.max(2, workers);
    }

    private ScoringWeights weights() throws IOException {
        ScoringWeights w = weightsFile == null ? ScoringWeights.DEFAULT : ScoringWeights.read(weightsFile);
        w = w.withWeights(
                sharpnessWeight != null ? sharpnessWeight : w.sharpness(),
                exposureWeight != null ? exposureWeight : w.exposure(),
                compositionWeight != null ? compositionWeight : w.composition());
        return w.withThresholds(postItAbove != null ? postItAbove : w.postItAbove(),
                maybeAbove != null ? maybeAbove : w.maybeAbove());
    }
}
