package dev.framewire.examples.thumbnails;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.framewire.core.engine.RunException;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import dev.framewire.core.network.Source;
import dev.framewire.core.network.Transform;
import dev.framewire.examples.ExitCodes;
import dev.framewire.examples.FramewireCli;
import dev.framewire.examples.input.InputException;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.input.PhotoInputs;
import dev.framewire.examples.scorer.EngineMode;
import dev.framewire.examples.scorer.Engines;
import dev.framewire.examples.scorer.InputOrder;
import dev.framewire.examples.scorer.ScorerFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code framewire thumbnails DIR OUT}: the classic producer / consumer / sink pipeline. Decoders (producers) turn
 * files into frames, resizers (consumers) shrink and encode them, and one sink writes each thumbnail under the hash
 * of its content (identical thumbnails are written once) and lists what it wrote in {@code OUT/thumbnails.jsonl}.
 */
@Command(name = "thumbnails",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Write a thumbnail of every photo in DIR to OUT, named by the SHA-256 of its content, resized with "
                        + "area interpolation (sharp, no aliasing); OUT/thumbnails.jsonl lists source, file and size."},
        footer = {"", ExitCodes.HELP, "", "Example:", "  framewire thumbnails examples/demo-photos /tmp/thumbs --size 256"})
public final class ThumbnailsCommand implements Callable<Integer> {
    @ParentCommand
    private FramewireCli cli;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of photos.")
    private String folder;

    @Parameters(index = "1", paramLabel = "OUT", description = "Folder to write thumbnails to (created if needed).")
    private Path outDir;

    @Option(names = {"-s", "--size"}, paramLabel = "N", description = "Longest side in pixels "
            + "(default: ${DEFAULT-VALUE}); smaller photos are not enlarged.")
    private int size = 256;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "jpeg or png (default: ${DEFAULT-VALUE}).")
    private String format = "jpeg";

    @Option(names = "--quality", paramLabel = "Q", description = "JPEG quality 1..100 (default: ${DEFAULT-VALUE}).")
    private int quality = 85;

    @Option(names = {"-r", "--recursive"}, description = "Also read sub-folders.")
    private boolean recursive;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", description = "Engine: sequential, threads or processes "
            + "(default: ${DEFAULT-VALUE}).")
    private EngineMode mode = EngineMode.THREADS;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "Decoder and resizer replicas "
            + "(default: CPUs).")
    private int workers = Runtime.getRuntime().availableProcessors();

    /** One written thumbnail, or why a file had none. */
    private record Written(PhotoInput input, String file, int width, int height, String error) {
    }

    @Override
    public Integer call() throws IOException {
        PrintStream o = cli.out();
        PrintStream err = cli.err();
        Thumbnailer thumbnailer;
        try {
            thumbnailer = new Thumbnailer(size, Thumbnailer.Format.parse(format), quality);
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
            }
        } catch (IllegalArgumentException e) {
            err.println("framewire thumbnails: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<PhotoInput> inputs;
        try {
            inputs = PhotoInputs.discover(List.of(folder), recursive);
        } catch (InputException e) {
            err.println("framewire thumbnails: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (inputs.isEmpty()) {
            o.println("No photos in " + folder + ".");
            return ExitCodes.OK;
        }
        Files.createDirectories(outDir);
        List<String> files = inputs.stream().map(i -> i.file().toString()).toList();
        long pixelLimit = dev.framewire.analyzers.decode.PhotoDecoder.DEFAULT_PIXEL_LIMIT;

        List<Written> written = new ArrayList<>();
        InputOrder<Written> ordered = new InputOrder<>(written::add);
        NetworkBuilder b = Network.builder("thumbnails");
        Source<String> paths = b.source("paths", String.class, files);
        Transform<String, Frame> decode = b.transform("decode", paths.out(), Frame.class,
                file -> ScorerFunctions.decode(file, pixelLimit)).workers(workers);
        Transform<Frame, Thumbnailer.Thumbnail> resize = b.transform("resize", decode.out(),
                Thumbnailer.Thumbnail.class, thumbnailer::apply).workers(workers);
        Path dir = outDir;
        b.outcomeSink("write", resize.out(), outcome -> {
            PhotoInput input = inputs.get(Math.toIntExact(outcome.sequence()));
            if (outcome instanceof Outcome.Value<Thumbnailer.Thumbnail> v) {
                Thumbnailer.Thumbnail t = v.value();
                String name = contentName(t);
                Path target = dir.resolve(name);
                try {
                    if (!Files.exists(target)) {
                        Files.write(target, t.bytes());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(target + ": cannot write (" + e.getMessage() + ")", e);
                }
                ordered.accept(input.index(), new Written(input, name, t.width(), t.height(), null));
            } else {
                Outcome.Failure<?> f = (Outcome.Failure<?>) outcome;
                String message = f.error().message();
                String prefix = "UnscorableException: ";
                ordered.accept(input.index(), new Written(input, null, 0, 0,
                        message.startsWith(prefix) ? message.substring(prefix.length())
                                : f.error().node() + " failed: " + message));
            }
        });
        Network network = b.build();
        RunOptions options = RunOptions.defaults().withTimeout(Duration.ofDays(365))
                .withChannelCapacity(Math.max(2, workers));
        long start = System.nanoTime();
        try {
            Engines.run(network, mode, options);
        } catch (RunException e) {
            err.println("framewire thumbnails: the run failed: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path list = outDir.resolve("thumbnails.jsonl");
        writeList(list, written);
        long failures = written.stream().filter(w -> w.error() != null).count();
        for (Written w : written) {
            if (w.error() != null) {
                o.println(w.input().displayPath() + ": " + w.error());
            }
        }
        o.printf(Locale.ROOT, "%d thumbnails written to %s in %.1f s (%.1f photos/s)%s; list: %s%n",
                written.size() - failures, outDir, seconds, written.size() / seconds,
                failures == 0 ? "" : ", " + failures + " failed", list);
        return failures == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    /** The first 16 bytes of the SHA-256 of the encoded thumbnail, in hex, with the format's extension. */
    static String contentName(Thumbnailer.Thumbnail t) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(t.bytes());
            return HexFormat.of().formatHex(digest, 0, 16) + "." + t.format().extension();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void writeList(Path list, List<Written> written) throws IOException {
        JsonFactory json = new JsonFactory();
        try (OutputStream os = Files.newOutputStream(list)) {
            for (Written w : written) {
                try (JsonGenerator g = json.createGenerator(os)) {
                    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    g.writeStartObject();
                    g.writeStringField("source", w.input().displayPath());
                    if (w.error() == null) {
                        g.writeStringField("thumbnail", w.file());
                        g.writeNumberField("width", w.width());
                        g.writeNumberField("height", w.height());
                    } else {
                        g.writeStringField("error", w.error());
                    }
                    g.writeEndObject();
                }
                os.write('\n');
            }
        }
    }
}
