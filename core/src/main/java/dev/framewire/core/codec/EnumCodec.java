package dev.framewire.core.codec;

/**
 * Encodes an enum constant as its ordinal (both ends load the same classes).
 *
 * @param <E> the enum type
 */
public final class EnumCodec<E extends Enum<E>> implements Codec<E> {
    private final Class<E> type;
    private transient E[] constants;

    private EnumCodec(Class<E> type) {
        this.type = type;
    }

    public static <E extends Enum<E>> EnumCodec<E> of(Class<E> type) {
        return new EnumCodec<>(type);
    }

    @Override
    public Class<E> type() {
        return type;
    }

    @Override
    public long maxEncodedSize(E value, CodecRegistry registry) {
        return 4;
    }

    @Override
    public void encode(E value, BinaryOut out, CodecRegistry registry) {
        out.putInt(value.ordinal());
    }

    @Override
    public E decode(BinaryIn in, CodecRegistry registry) {
        E[] all = constants;
        if (all == null) {
            all = type.getEnumConstants();
            constants = all;
        }
        int ordinal = in.getInt();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalStateException("no constant " + ordinal + " in " + type.getName());
        }
        return all[ordinal];
    }
}
