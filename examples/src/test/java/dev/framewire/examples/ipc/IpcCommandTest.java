package dev.framewire.examples.ipc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives {@code framewire ipc} in-process on tiny runs; cross-process channels start a real receiver JVM. */
class IpcCommandTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new IpcCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inJvm", "chronicle", "chronicleArena", "unixSocket"})
    void aTinyRunOfEachChannelWritesATableHistogramsAndCharts(String channel, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");

        Outcome outcome = run("--channels", channel, "--sizes", "64,4K", "--rate", "2000", "--duration", "0.1",
                "--warmup", "0.2", "--out", out.toString(), "--work-dir", dir.resolve("work").toString());

        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("| " + channel + " | 64 B | fixed rate | 2,000 |",
                "| " + channel + " | 4 KiB | full speed | max |");
        assertThat(Files.readString(out.resolve("ipc-table.md"))).contains("| " + channel + " | 4 KiB | fixed rate |");
        for (String run : new String[]{"64B-fixedrate", "64B-fullspeed", "4KiB-fixedrate", "4KiB-fullspeed"}) {
            Path hgrm = out.resolve(channel + "-" + run + ".hgrm");
            assertThat(Files.readString(hgrm)).as(hgrm.toString()).contains("Value     Percentile TotalCount").contains("#[Mean");
            assertThat(out.resolve(channel + "-" + run + "-fromsend.hgrm")).exists();
        }
        for (String png : new String[]{"latency-fixedrate.png", "latency-fullspeed.png"}) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1000);
        }
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("queues and sockets are deleted").isEmpty();
        }
    }

    @Test
    void aMessageSmallerThanItsHeaderIsAUsageError() {
        Outcome outcome = run("--sizes", "16", "--channels", "inJvm");

        assertThat(outcome.status()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains("--sizes 16: a message is at least 40 bytes");
    }

    @Test
    void unknownChannelsWaitModesAndSizesAreNamed() {
        assertThat(run("--channels", "pigeon").err()).contains("--channels 'pigeon': expected inJvm, chronicle, chronicleArena or unixSocket");
        assertThat(run("--wait", "nap").err()).contains("--wait 'nap': expected busy or blocking");
        assertThat(run("--sizes", "lots").err()).contains("--sizes 'lots': not a size in bytes");
        assertThat(run("--modes", "slow").err()).contains("--modes 'slow': expected fixed or full");
    }

    @Test
    void isASubcommandOfFramewire() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int status = dev.framewire.examples.FramewireCli.execute(new String[]{"ipc", "--help"},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), false);

        assertThat(status).isZero();
        assertThat(out.toString()).contains("Usage: framewire ipc", "--channels");
    }

    @Test
    void helpDocumentsTheOptions() {
        Outcome outcome = run("--help");

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).contains("--rate", "--duration", "--sizes", "--channels", "--wait", "--pin", "coordinated omission");
    }
}
