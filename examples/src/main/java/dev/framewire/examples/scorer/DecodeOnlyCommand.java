package dev.framewire.examples.scorer;

import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.core.engine.RunException;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Source;
import dev.framewire.examples.ExitCodes;
import dev.framewire.examples.FramewireCli;
import dev.framewire.examples.input.InputException;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.input.PhotoInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code framewire decode-only DIR...} (hidden): the scorer's network without the analyzers — the same discovery,
 * decoders, engine and JVM start — so {@code bench-e2e.sh} can tell what scoring adds over decoding alone. With
 * {@code --fused-analysis} each decoder also runs the three analyses as one fused pass over the frame it just made:
 * the least that analysing can add to decoding, which the scorer's network of three analyzer nodes is compared with.
 */
@Command(name = "decode-only", hidden = true, mixinStandardHelpOptions = true,
        description = "Decode every photo and do nothing else: the baseline of the end-to-end benchmark.")
public final class DecodeOnlyCommand implements Callable<Integer> {
    @ParentCommand
    private FramewireCli cli;

    @Parameters(paramLabel = "DIR", arity = "1..*")
    private List<String> folders;

    @Option(names = {"-m", "--mode"})
    private EngineMode mode = ScoreCommand.DEFAULT_MODE;

    @Option(names = {"-w", "--workers"})
    private int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--fused-analysis",
            description = "Also analyse each frame in the decoder's thread, in one fused pass (results dropped).")
    private boolean fusedAnalysis;

    @Override
    public Integer call() {
        List<PhotoInput> inputs;
        try {
            inputs = PhotoInputs.discover(folders, false);
        } catch (InputException e) {
            cli.err().println("framewire decode-only: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        long pixelLimit = PhotoDecoder.DEFAULT_PIXEL_LIMIT;
        AtomicLong pixels = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        NetworkBuilder b = Network.builder("decode-only");
        Source<String> paths = b.source("paths", String.class,
                inputs.stream().map(i -> i.file().toString()).toList());
        boolean fused = fusedAnalysis;
        var decode = b.transform("decode", paths.out(), Frame.class,
                file -> fused ? ScorerFunctions.decodeAndAnalyzeFused(file, pixelLimit)
                        : ScorerFunctions.decode(file, pixelLimit)).workers(workers);
        b.sink("count", decode.out(), frame -> pixels.addAndGet((long) frame.width() * frame.height()),
                error -> failed.incrementAndGet());
        long start = System.nanoTime();
        try {
            Engines.run(b.build(), mode, RunOptions.defaults().withTimeout(Duration.ofDays(1))
                    .withChannelCapacity(ScoreCommand.channelCapacity(workers)));
        } catch (RunException e) {
            cli.err().println("framewire decode-only: the run failed: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cli.out().printf(Locale.ROOT, "%d files decoded%s (%.1f MP) in %.2f s (%.2f photos/s), %d failed%n",
                inputs.size(), fused ? " and analysed in one fused pass" : "", pixels.get() / 1e6, seconds,
                inputs.size() / seconds, failed.get());
        return failed.get() == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }
}
