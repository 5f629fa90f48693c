package dev.framewire.core.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encodes any {@link List} as a count followed by tagged elements (elements may be of different registered types,
 * or null); decodes to an unmodifiable list.
 */
@SuppressWarnings("rawtypes")
final class ListCodec implements Codec<List> {
    @Override
    public Class<List> type() {
        return List.class;
    }

    @Override
    public long maxEncodedSize(List value, CodecRegistry registry) {
        long size = 4;
        for (Object e : value) {
            size += registry.maxTaggedSize(e);
        }
        return size;
    }

    @Override
    public void encode(List value, BinaryOut out, CodecRegistry registry) {
        out.putInt(value.size());
        for (Object e : value) {
            registry.writeTagged(e, out);
        }
    }

    @Override
    public List decode(BinaryIn in, CodecRegistry registry) {
        int n = in.getInt();
        if (n < 0) {
            throw new IllegalStateException("corrupt list length " + n);
        }
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(registry.readTagged(in));
        }
        return Collections.unmodifiableList(list);
    }
}
