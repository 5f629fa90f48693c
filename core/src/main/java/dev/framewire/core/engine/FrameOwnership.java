package dev.framewire.core.engine;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.Merged2;
import dev.framewire.core.network.Merged3;

import java.util.List;

/**
 * Reference counting of the {@link Frame}s carried by messages, the same rules for every engine.
 *
 * <p>The frames of a value are: the value itself if it is a frame, or the frames directly inside a
 * {@link Merged2}, {@link Merged3} or {@link List} (what merges and batching emit). Frames nested deeper belong to
 * the user.
 *
 * <ul>
 *   <li>A message on an edge owns one reference to each of its frames. Broadcasting to k edges retains k-1 more.</li>
 *   <li>A node that consumes a message releases its references when done: a sink after its function returns, a
 *       transform after its function returns, except for frames that are also in its result (ownership passes
 *       on), a dropped or failed item at once.</li>
 *   <li>When a run stops early, messages still queued are released.</li>
 * </ul>
 * So a frame is freed exactly once, right after its last reader.
 *
 * <p>Public for the process engine's stages, which follow the same rules.
 */
public final class FrameOwnership {
    private FrameOwnership() {
    }

    /** Whether {@code value} carries at least one frame (checks the components of merges and lists). */
    static boolean carriesFrames(Object value) {
        if (value instanceof Frame) {
            return true;
        }
        if (!mayHoldFrames(value)) {
            return false;
        }
        boolean[] found = {false};
        forEachComponent(value, c -> found[0] |= c instanceof Frame);
        return found[0];
    }

    /** A cheap test by type: false means {@code value} certainly carries no frame. */
    static boolean mayHoldFrames(Object value) {
        return value instanceof Frame || value instanceof Merged3 || value instanceof Merged2 || value instanceof List;
    }

    /** Adds {@code times} references to each frame of {@code value}. */
    static void retain(Object value, int times) {
        if (times <= 0 || !mayHoldFrames(value)) {
            return;
        }
        if (value instanceof Frame f) {
            for (int i = 0; i < times; i++) {
                f.retain();
            }
            return;
        }
        forEachComponent(value, c -> retain(c, times));
    }

    /** Gives back one reference to each frame of {@code value}. */
    public static void release(Object value) {
        if (!mayHoldFrames(value)) {
            return;
        }
        if (value instanceof Frame f) {
            f.release();
            return;
        }
        forEachComponent(value, c -> {
            if (c instanceof Frame f) {
                f.release();
            }
        });
    }

    /** Releases the frames of {@code input} that {@code output} does not carry on. */
    public static void releaseConsumed(Object input, Object output) {
        if (!mayHoldFrames(input)) {
            return;
        }
        if (input instanceof Frame f) {
            if (!carries(output, f)) {
                f.release();
            }
            return;
        }
        forEachComponent(input, c -> {
            if (c instanceof Frame f && !carries(output, f)) {
                f.release();
            }
        });
    }

    private static boolean carries(Object value, Frame frame) {
        if (value == frame) {
            return true;
        }
        if (!mayHoldFrames(value) || value instanceof Frame) {
            return false;
        }
        boolean[] found = {false};
        forEachComponent(value, c -> found[0] |= c == frame);
        return found[0];
    }

    private static void forEachComponent(Object value, java.util.function.Consumer<Object> action) {
        if (value instanceof Merged3<?, ?, ?> m) {
            action.accept(m.first());
            action.accept(m.second());
            action.accept(m.third());
        } else if (value instanceof Merged2<?, ?> m) {
            action.accept(m.first());
            action.accept(m.second());
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Frame) {
                    action.accept(o);
                }
            }
        }
    }
}
