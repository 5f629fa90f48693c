package dev.framewire.core.codec;

import java.io.Serializable;

/**
 * A binary encoding of one type of message, for crossing a process boundary without Java serialization.
 *
 * <p>Codecs are {@link Serializable} so that a {@link CodecRegistry} can be shipped to a child process once, at
 * start-up; they hold no per-message state and must be safe to use from several threads at once.
 *
 * @param <T> the encoded type
 */
public interface Codec<T> extends Serializable {

    /** The exact runtime class this codec encodes. */
    Class<T> type();

    /**
     * An upper bound of the bytes {@link #encode} writes for {@code value}; the channel reserves that much memory
     * in the queue before encoding in place.
     */
    long maxEncodedSize(T value, CodecRegistry registry);

    /** Writes {@code value}; {@code registry} encodes nested values of other types. */
    void encode(T value, BinaryOut out, CodecRegistry registry);

    /** Reads what {@link #encode} wrote. */
    T decode(BinaryIn in, CodecRegistry registry);
}
