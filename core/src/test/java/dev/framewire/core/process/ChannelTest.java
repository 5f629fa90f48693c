package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
        try (ChannelWriter writer = ChannelWriter.open("c", run.channel("c"), 64, registry)) {
            long first = writer.append(0, "first");
            long seq = 1;
            long last = first;
            // append until the queue rolls over to a new file (cycles last one second)
            while (writer.cycleOf(last) == writer.cycleOf(first)) {
                Thread.sleep(50);
                last = writer.append(seq++, "more");
            }
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
}
