package dev.framewire.core.codec;

/** Codecs of the boxed primitives, strings and primitive arrays: fixed-size, no reflection. */
final class Primitives {
    private Primitives() {
    }

    /** Writes one boxed value; a method reference to a {@link BinaryOut} put method (serializable: codecs ship to children). */
    @FunctionalInterface
    interface Writer<T> extends java.io.Serializable {
        void write(BinaryOut out, T value);
    }

    /** Reads one boxed value; a method reference to a {@link BinaryIn} get method (serializable: codecs ship to children). */
    @FunctionalInterface
    interface Reader<T> extends java.io.Serializable {
        T read(BinaryIn in);
    }

    /**
     * A codec of a boxed primitive: its encoding has a size known without looking at the value, and is one
     * put/get of {@link BinaryOut}/{@link BinaryIn}.
     */
    static final class Fixed<T> implements Codec<T> {
        private final Class<T> type;
        private final int size;
        private final Writer<T> writer;
        private final Reader<T> reader;

        Fixed(Class<T> type, int size, Writer<T> writer, Reader<T> reader) {
            this.type = type;
            this.size = size;
            this.writer = writer;
            this.reader = reader;
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public long maxEncodedSize(T value, CodecRegistry registry) {
            return size;
        }

        @Override
        public void encode(T value, BinaryOut out, CodecRegistry registry) {
            writer.write(out, value);
        }

        @Override
        public T decode(BinaryIn in, CodecRegistry registry) {
            return reader.read(in);
        }
    }

    /** The codecs of the eight boxed primitives. */
    static java.util.List<Codec<?>> boxed() {
        return java.util.List.of(
                new Fixed<>(Boolean.class, 1, BinaryOut::putBoolean, BinaryIn::getBoolean),
                new Fixed<>(Byte.class, 1, BinaryOut::putByte, BinaryIn::getByte),
                new Fixed<>(Short.class, 2, BinaryOut::putShort, BinaryIn::getShort),
                new Fixed<>(Character.class, 2, BinaryOut::putChar, BinaryIn::getChar),
                new Fixed<>(Integer.class, 4, BinaryOut::putInt, BinaryIn::getInt),
                new Fixed<>(Long.class, 8, BinaryOut::putLong, BinaryIn::getLong),
                new Fixed<>(Float.class, 4, BinaryOut::putFloat, BinaryIn::getFloat),
                new Fixed<>(Double.class, 8, BinaryOut::putDouble, BinaryIn::getDouble));
    }

    static final class StringCodec implements Codec<String> {
        @Override
        public Class<String> type() {
            return String.class;
        }

        @Override
        public long maxEncodedSize(String value, CodecRegistry registry) {
            return BinaryOut.maxStringSize(value);
        }

        @Override
        public void encode(String value, BinaryOut out, CodecRegistry registry) {
            out.putString(value);
        }

        @Override
        public String decode(BinaryIn in, CodecRegistry registry) {
            return in.getString();
        }
    }

    static final class ByteArrayCodec implements Codec<byte[]> {
        @Override
        public Class<byte[]> type() {
            return byte[].class;
        }

        @Override
        public long maxEncodedSize(byte[] value, CodecRegistry registry) {
            return 4L + value.length;
        }

        @Override
        public void encode(byte[] value, BinaryOut out, CodecRegistry registry) {
            out.putByteArray(value);
        }

        @Override
        public byte[] decode(BinaryIn in, CodecRegistry registry) {
            return in.getByteArray();
        }
    }

    static final class DoubleArrayCodec implements Codec<double[]> {
        @Override
        public Class<double[]> type() {
            return double[].class;
        }

        @Override
        public long maxEncodedSize(double[] value, CodecRegistry registry) {
            return 4L + 8L * value.length;
        }

        @Override
        public void encode(double[] value, BinaryOut out, CodecRegistry registry) {
            out.putInt(value.length);
            for (double v : value) {
                out.putDouble(v);
            }
        }

        @Override
        public double[] decode(BinaryIn in, CodecRegistry registry) {
            int n = in.getInt();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.getDouble();
            }
            return v;
        }
    }
}
