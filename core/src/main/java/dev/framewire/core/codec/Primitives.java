package dev.framewire.core.codec;

/** Codecs of the boxed primitives, strings and primitive arrays: fixed-size, no reflection. */
final class Primitives {
    private Primitives() {
    }

    /** A codec of a type whose encoding has a size known without looking at the value. */
    abstract static class Fixed<T> implements Codec<T> {
        private final Class<T> type;
        private final int size;

        Fixed(Class<T> type, int size) {
            this.type = type;
            this.size = size;
        }

        @Override
        public final Class<T> type() {
            return type;
        }

        @Override
        public final long maxEncodedSize(T value, CodecRegistry registry) {
            return size;
        }
    }

    static final class BooleanCodec extends Fixed<Boolean> {
        BooleanCodec() {
            super(Boolean.class, 1);
        }

        @Override
        public void encode(Boolean value, BinaryOut out, CodecRegistry registry) {
            out.putBoolean(value);
        }

        @Override
        public Boolean decode(BinaryIn in, CodecRegistry registry) {
            return in.getBoolean();
        }
    }

    static final class ByteCodec extends Fixed<Byte> {
        ByteCodec() {
            super(Byte.class, 1);
        }

        @Override
        public void encode(Byte value, BinaryOut out, CodecRegistry registry) {
            out.putByte(value);
        }

        @Override
        public Byte decode(BinaryIn in, CodecRegistry registry) {
            return in.getByte();
        }
    }

    static final class ShortCodec extends Fixed<Short> {
        ShortCodec() {
            super(Short.class, 2);
        }

        @Override
        public void encode(Short value, BinaryOut out, CodecRegistry registry) {
            out.putShort(value);
        }

        @Override
        public Short decode(BinaryIn in, CodecRegistry registry) {
            return in.getShort();
        }
    }

    static final class CharCodec extends Fixed<Character> {
        CharCodec() {
            super(Character.class, 2);
        }

        @Override
        public void encode(Character value, BinaryOut out, CodecRegistry registry) {
            out.putChar(value);
        }

        @Override
        public Character decode(BinaryIn in, CodecRegistry registry) {
            return in.getChar();
        }
    }

    static final class IntCodec extends Fixed<Integer> {
        IntCodec() {
            super(Integer.class, 4);
        }

        @Override
        public void encode(Integer value, BinaryOut out, CodecRegistry registry) {
            out.putInt(value);
        }

        @Override
        public Integer decode(BinaryIn in, CodecRegistry registry) {
            return in.getInt();
        }
    }

    static final class LongCodec extends Fixed<Long> {
        LongCodec() {
            super(Long.class, 8);
        }

        @Override
        public void encode(Long value, BinaryOut out, CodecRegistry registry) {
            out.putLong(value);
        }

        @Override
        public Long decode(BinaryIn in, CodecRegistry registry) {
            return in.getLong();
        }
    }

    static final class FloatCodec extends Fixed<Float> {
        FloatCodec() {
            super(Float.class, 4);
        }

        @Override
        public void encode(Float value, BinaryOut out, CodecRegistry registry) {
            out.putFloat(value);
        }

        @Override
        public Float decode(BinaryIn in, CodecRegistry registry) {
            return in.getFloat();
        }
    }

    static final class DoubleCodec extends Fixed<Double> {
        DoubleCodec() {
            super(Double.class, 8);
        }

        @Override
        public void encode(Double value, BinaryOut out, CodecRegistry registry) {
            out.putDouble(value);
        }

        @Override
        public Double decode(BinaryIn in, CodecRegistry registry) {
            return in.getDouble();
        }
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
