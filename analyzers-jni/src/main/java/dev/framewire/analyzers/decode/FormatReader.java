package dev.framewire.analyzers.decode;

import java.nio.ByteBuffer;

/**
 * Structural checks of one encoded format, done in Java before any native decoder sees the bytes. Both methods read
 * untrusted data: on any input they return normally or throw {@link InvalidImageException}, terminate in time linear
 * in the data length, and allocate nothing proportional to what the data claims.
 */
interface FormatReader {
    /** Width and height from the header, so that the pixel limit can be checked before decoding. */
    ImageHeader readHeader(ByteBuffer data) throws InvalidImageException;

    /**
     * Throws "truncated &lt;format&gt;" when the data visibly ends early (decoders tend to fill the missing part with
     * gray and only warn), or "corrupt ..." when the structure is broken.
     */
    void checkComplete(ByteBuffer data) throws InvalidImageException;
}
