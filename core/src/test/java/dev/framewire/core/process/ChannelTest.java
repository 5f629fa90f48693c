package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelTest {
    private final CodecRegistry registry = CodecRegistry.withDefaults();
    private RunDirectory run;

    @BeforeEach
    void create() {
        run = RunDirectory.create(RunDirectory.defaultParent());
    }

    @AfterEach
    void delete() {
        run.delete();
    }

    private static List<String> drain(ChannelReader reader) {
        List<String> seen = new ArrayList<>();
        while (reader.poll(m -> seen.add(m.sequence() + ":" + m.kind() + ":" + switch (m.kind()) {
            case VALUE -> m.value();
            case ERROR -> m.errorNode() + "/" + m.errorMessage();
            default -> "";
        }))) {
            // read until empty
        }
        return seen;
    }

    @Test
    void everyReaderSeesEveryMessageOnceInOrder() {
        try (ChannelWriter writer = ChannelWriter.open("results", run.channel("results"), 1024, registry);
             ChannelReader a = ChannelReader.open("results", run.channel("results"), 1024, registry, false);
             ChannelReader b = ChannelReader.open("results", run.channel("results"), 1024, registry, false)) {
            writer.append(0, "zero");
            writer.appendDropped(1);
            writer.appendError(2, "sharpness", "boom");
            writer.append(3, 3.5);
            writer.appendEnd(4);
            List<String> expected = List.of("0:VALUE:zero", "1:DROPPED:", "2:ERROR:sharpness/boom", "3:VALUE:3.5", "4:END:");
            assertThat(drain(a)).isEqualTo(expected);
            assertThat(drain(b)).isEqualTo(expected);
            assertThat(writer.stats().items()).isEqualTo(5);
            assertThat(a.stats().items()).isEqualTo(5);
            assertThat(a.stats().bytes()).isEqualTo(writer.stats().bytes());
        }
    }

    @Test
    void aFrameIsAppendedOnceAndBroadcastReadersSeeTheSameMappedPixels() {
        int w = 1000;
        int h = 750;
        try (Frame frame = Frame.allocate(w, h, PixelOrder.BGR);
             ChannelWriter writer = ChannelWriter.open("frames", run.channel("frames"), frame.byteSize() + 64, registry);
             ChannelReader a = ChannelReader.open("frames", run.channel("frames"), frame.byteSize() + 64, registry, true);
             ChannelReader b = ChannelReader.open("frames", run.channel("frames"), frame.byteSize() + 64, registry, true)) {
            frame.set(w - 1, h - 1, 2, 99);
            writer.append(0, frame);
            long[] addresses = new long[2];
            int i = 0;
            for (ChannelReader r : List.of(a, b)) {
                int k = i++;
                assertThat(r.poll(m -> {
                    Frame view = (Frame) m.value();
                    assertThat(view.get(w - 1, h - 1, 2)).isEqualTo(99);
                    assertThat(view.address()).as("pixels are read where the queue maps them")
                            .isEqualTo(m.payloadAddress() + m.payloadLength() - frame.byteSize());
                    addresses[k] = view.address();
                    view.release();
                })).isTrue();
                assertThat(r.copies()).isZero();
            }
            assertThat(writer.stats().items()).isEqualTo(1);
        }
    }

    @Test
    void aReaderCanJumpToAKnownIndex() {
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry);
             ChannelReader r = ChannelReader.open("c", run.channel("c"), 64, registry, false)) {
            writer.append(0, 10);
            long second = writer.append(1, 11);
            writer.append(2, 12);
            assertThat(r.moveToIndex(second)).isTrue();
            assertThat(drain(r)).containsExactly("1:VALUE:11", "2:VALUE:12");
        }
    }

    @Test
    void queueFilesEveryReaderHasPassedAreDeleted() throws Exception {
        // a new file once the current one holds 100 bytes
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry,
                new RollPolicy(100, Duration.ofHours(1)))) {
            long first = writer.append(0, "first");
            long seq = 1;
            long last = first;
            while (writer.cycleOf(last) == writer.cycleOf(first)) {
                last = writer.append(seq++, "more");
            }
            assertThat(seq).as("messages until the file held 100 bytes").isBetween(2L, 10L);
            assertThat(writer.liveFiles()).isEqualTo(2);
            assertThat(writer.releaseBefore(first)).as("a reader still needs the first file").isZero();
            assertThat(writer.releaseBefore(last)).isEqualTo(1);
            assertThat(writer.liveFiles()).isEqualTo(1);
            try (ChannelReader r = ChannelReader.open("c", run.channel("c"), 64, registry, false)) {
                assertThat(r.moveToIndex(last)).isTrue();
                assertThat(drain(r)).containsExactly((seq - 1) + ":VALUE:more");
            }
        }
    }

    @Test
    void givenSmallMessagesOverSecondsTheWriterKeepsOneFile() throws Exception {
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry);
             ChannelReader reader = ChannelReader.open("c", run.channel("c"), 64, registry, false)) {
            long first = writer.append(0, "first");
            Thread.sleep(1_100); // longer than a cycle of the queue's roll cycle
            long last = writer.append(1, "second");
            assertThat(writer.cycleOf(last)).as("the wall clock does not roll a channel").isEqualTo(writer.cycleOf(first));
            assertThat(writer.liveFiles()).isEqualTo(1);
            assertThat(drain(reader)).containsExactly("0:VALUE:first", "1:VALUE:second");
        }
    }

    @Test
    void givenAFileOlderThanThePolicysAgeTheNextMessageStartsANewOneWhichTheReaderFollows() throws Exception {
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry,
                new RollPolicy(1L << 30, Duration.ofMillis(50)));
             ChannelReader reader = ChannelReader.open("c", run.channel("c"), 64, registry, false)) {
            long first = writer.append(0, "old");
            assertThat(drain(reader)).containsExactly("0:VALUE:old");
            Thread.sleep(60);
            long next = writer.append(1, "new");
            assertThat(writer.cycleOf(next)).isGreaterThan(writer.cycleOf(first));
            assertThat(drain(reader)).as("past the end-of-file marker, into the new file").containsExactly("1:VALUE:new");
            assertThat(writer.releaseBefore(next)).isEqualTo(1);
        }
    }

    @Test
    void givenAQueueWrittenBeforeAReopenedWriterAppendsAfterItsLastFile() {
        RollPolicy small = new RollPolicy(40, Duration.ofHours(1));
        long last;
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry, small)) {
            for (int i = 0; i < 10; i++) {
                writer.append(i, "message " + i); // several files, each a cycle ahead of the clock
            }
            last = writer.append(10, "last of the first writer");
        }
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry, small);
             ChannelReader reader = ChannelReader.open("c", run.channel("c"), 64, registry, false)) {
            long next = writer.append(11, "first of the second");
            assertThat(writer.cycleOf(next)).isGreaterThan(writer.cycleOf(last));
            List<String> all = drain(reader);
            assertThat(all).hasSize(12);
            assertThat(all.get(11)).isEqualTo("11:VALUE:first of the second");
        }
    }

    @Test
    void givenLargeMessagesAndAReaderThatKeepsUpTheChannelHoldsAboutTwoFilesOfTheBudget() {
        // 300 KB messages by value (a frame without an arena slot, say) against a budget of 1 MB a file
        byte[] payload = new byte[300 * 1024];
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), payload.length, registry,
                new RollPolicy(1L << 20, Duration.ofHours(1)));
             ChannelReader reader = ChannelReader.open("c", run.channel("c"), payload.length, registry, false)) {
            int mostFiles = 0;
            long first = -1;
            long[] read = {-1};
            for (int i = 0; i < 40; i++) {
                long index = writer.append(i, payload);
                first = i == 0 ? index : first;
                assertThat(reader.poll(m -> read[0] = m.index())).isTrue();
                assertThat(read[0]).isEqualTo(index);
                writer.releaseBefore(read[0]);
                mostFiles = Math.max(mostFiles, writer.liveFiles());
            }
            assertThat(writer.cycleOf(read[0]) - writer.cycleOf(first))
                    .as("a new file after every fourth message, the first to find 1 MB in its file").isEqualTo(9);
            assertThat(mostFiles).as("files alive at once").isLessThanOrEqualTo(2);
        }
    }
}
