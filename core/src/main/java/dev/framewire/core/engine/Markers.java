package dev.framewire.core.engine;

/**
 * What travels on an edge besides values. A message is a sequence number plus a payload: a user value, the
 * {@link #DROPPED} marker, or an {@link ErrorMark}. Both markers are engine-private types, so no user value can be
 * mistaken for one, and null is never a payload. The end of a stream is not a message: it is the channel's closed
 * state (the thread engine) or the queue's ended flag (the sequential engine).
 *
 * <p>Invariant kept by every node: the sequence numbers on an edge are 0, 1, 2, ... without gaps. Nodes that keep
 * numbers (transforms, splits, MergeSynch) emit a message for every number they receive, using {@link #DROPPED}
 * where nothing goes on; nodes that renumber (stream transforms, MergeAny) count their outputs.
 */
final class Markers {
    /** The item of this sequence number was dropped upstream; nothing is to be done for it. */
    static final Object DROPPED = new Object() {
        @Override
        public String toString() {
            return "<dropped>";
        }
    };

    private Markers() {
    }

    static boolean isValue(Object payload) {
        return payload != DROPPED && !(payload instanceof ErrorMark);
    }
}
