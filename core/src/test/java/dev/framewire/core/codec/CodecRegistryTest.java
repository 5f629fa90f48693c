package dev.framewire.core.codec;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecRegistryTest {
    record Scores(String file, double sharpness, int width, Verdict verdict, List<String> notes) {
    }

    enum Verdict { POST_IT, MAYBE, DELETE }

    /** A user type with a hand-written codec. */
    static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    static final class PointCodec implements Codec<Point> {
        @Override
        public Class<Point> type() {
            return Point.class;
        }

        @Override
        public long maxEncodedSize(Point value, CodecRegistry registry) {
            return 8;
        }

        @Override
        public void encode(Point value, BinaryOut out, CodecRegistry registry) {
            out.putInt(value.x).putInt(value.y);
        }

        @Override
        public Point decode(BinaryIn in, CodecRegistry registry) {
            return new Point(in.getInt(), in.getInt());
        }
    }

    private final long buffer = RawMemory.allocate(1 << 16);
    private final CodecRegistry registry = CodecRegistry.withDefaults();

    @AfterEach
    void free() {
        RawMemory.free(buffer);
    }

    private Object roundTrip(CodecRegistry writer, CodecRegistry reader, Object value, boolean views) {
        long max = writer.maxTaggedSize(value);
        BinaryOut out = new BinaryOut().wrap(buffer, max);
        writer.writeTagged(value, out);
        assertThat(out.written()).isLessThanOrEqualTo(max);
        BinaryIn in = new BinaryIn().wrap(buffer, out.written()).viewsAllowed(views);
        Object back = reader.readTagged(in);
        assertThat(in.remaining()).as("every written byte is read back").isZero();
        return back;
    }

    /** {@code registry} as a child process receives it: through Java serialization. */
    private static CodecRegistry shipped(CodecRegistry registry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(registry);
        }
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (CodecRegistry) ois.readObject();
        }
    }

    private Object roundTrip(Object value) {
        return roundTrip(registry, registry, value, false);
    }

    @Test
    void primitivesAndStringsSurviveTheTrip() {
        for (Object v : List.of(true, (byte) -3, (short) 31000, 'é', 42, -7L, 1.5f, Math.PI, "", "photo.jpg",
                "Überbelichtet — 日本語")) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
        assertThat((byte[]) roundTrip(new byte[]{1, 2, 3})).containsExactly(1, 2, 3);
        assertThat((double[]) roundTrip(new double[]{0.25, -1})).containsExactly(0.25, -1);
    }

    @Test
    void recordsAndEnumsNeedNoRegistration() {
        Scores s = new Scores("a.jpg", 0.75, 4000, Verdict.MAYBE, Arrays.asList("soft", null));
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void aRegisteredRecordCodecIsMoreCompactThanTheNamedDefault() {
        Scores s = new Scores("a.jpg", 0.75, 4000, Verdict.MAYBE, List.of());
        long named = registry.maxTaggedSize(s);
        CodecRegistry compact = CodecRegistry.withDefaults().registerRecord(Scores.class);
        assertThat(compact.maxTaggedSize(s)).isLessThan(named);
        assertThat(roundTrip(compact, compact, s, false)).isEqualTo(s);
    }

    @Test
    void userCodecsAreUsedAndTheRegistryShipsToAnotherProcess() throws Exception {
        registry.register(new PointCodec());
        CodecRegistry child = shipped(registry);
        Point p = (Point) roundTrip(registry, child, new Point(3, -4), false);
        assertThat(p.x).isEqualTo(3);
        assertThat(p.y).isEqualTo(-4);
        Scores s = new Scores("b.jpg", 0.1, 640, Verdict.DELETE, List.of("x"));
        assertThat(roundTrip(registry, child, s, false)).isEqualTo(s);
    }

    record Empty() {
    }

    /**
     * A warm engine ships the registry with every child's spec at every run: only what the user registered travels,
     * so the built-in codecs cost nothing to serialize, and the child still agrees on every tag.
     */
    @Test
    void aShippedRegistryCarriesOnlyTheRegisteredCodecs() throws Exception {
        int builtInsOnly = serializedSize(CodecRegistry.withDefaults());
        assertThat(builtInsOnly).as("a registry of built-in codecs, serialized").isLessThan(400);
        CodecRegistry withPoint = CodecRegistry.withDefaults().register(new PointCodec());
        assertThat(serializedSize(withPoint)).isLessThan(builtInsOnly + 300);
        CodecRegistry child = shipped(withPoint);
        Object[] values = {7, 2.5, "text", new byte[]{1, 2}, new double[]{0.5}, List.of(1, "a"), Verdict.MAYBE};
        for (Object v : values) {
            assertThat(roundTrip(withPoint, child, v, false)).as("written by the original, read by the child")
                    .isEqualTo(v);
        }
        assertThat(((Point) roundTrip(withPoint, child, new Point(1, 2), false)).y).isEqualTo(2);
        assertThatThrownBy(() -> child.register(new PointCodec())).as("the registered codec came along")
                .hasMessageContaining("already registered");
    }

    private static int serializedSize(CodecRegistry registry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(registry);
        }
        return bytes.size();
    }

    @Test
    void aRegisteredRecordCodecWorksInTheRegistryAChildReceivesEveryRun() throws Exception {
        CodecRegistry compact = CodecRegistry.withDefaults().registerRecord(Scores.class).registerRecord(Empty.class);
        Scores s = new Scores("c.jpg", 0.5, 12, Verdict.POST_IT, List.of("sharp"));
        for (int run = 0; run < 3; run++) {
            CodecRegistry child = shipped(compact);
            assertThat(roundTrip(compact, child, s, false)).isEqualTo(s);
            assertThat(roundTrip(child, compact, new Empty(), false)).isEqualTo(new Empty());
        }
    }

    @Test
    void registeringTheSameTypeTwiceIsRefused() {
        registry.register(new PointCodec());
        assertThatThrownBy(() -> registry.register(new PointCodec()))
                .hasMessageContaining(Point.class.getName()).hasMessageContaining("already registered");
    }

    @Test
    void aTypeWithoutCodecIsRefusedWithItsName() {
        Object opaque = new StringBuilder("x");
        assertThat(registry.whyNotEncodable(StringBuilder.class)).contains("java.lang.StringBuilder");
        assertThatThrownBy(() -> registry.maxTaggedSize(opaque))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.StringBuilder");
        assertThat(registry.whyNotEncodable(Scores.class)).isNull();
        assertThat(registry.whyNotEncodable(Frame.class)).isNull();
    }

    @Test
    void aFrameIsDecodedInPlaceWhenViewsAreAllowedAndCopiedOtherwise() {
        try (Frame frame = Frame.allocate(5, 3, 16, PixelOrder.BGR)) {
            frame.set(4, 2, 1, 200);
            frame.set(0, 0, 0, 7);
            Frame view = (Frame) roundTrip(registry, registry, frame, true);
            assertThat(view.address()).isBetween(buffer, buffer + 4096);
            assertThat(view.width()).isEqualTo(5);
            assertThat(view.stride()).isEqualTo(16);
            assertThat(view.order()).isEqualTo(PixelOrder.BGR);
            assertThat(view.get(4, 2, 1)).isEqualTo(200);
            view.release();

            Frame copy = (Frame) roundTrip(registry, registry, frame, false);
            assertThat(copy.address() < buffer || copy.address() >= buffer + 4096).as("copy lives elsewhere").isTrue();
            assertThat(copy.get(0, 0, 0)).isEqualTo(7);
            assertThat(copy.get(4, 2, 1)).isEqualTo(200);
            copy.release();
        }
    }

    @Test
    void writingPastTheReservedSpaceIsCaughtNotCorruptingMemory() {
        BinaryOut out = new BinaryOut().wrap(buffer, 6);
        assertThatThrownBy(() -> out.putLong(1)).isInstanceOf(IndexOutOfBoundsException.class);
        BinaryIn in = new BinaryIn().wrap(buffer, 3);
        assertThatThrownBy(in::getInt).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
