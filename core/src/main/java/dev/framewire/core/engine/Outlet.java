package dev.framewire.core.engine;

/**
 * The edges of one output port. Emitting to several edges broadcasts: frames get one reference per edge.
 * Used by the one thread that produces on the port.
 */
final class Outlet {
    final SpscChannel[] channels;

    Outlet(SpscChannel[] channels) {
        this.channels = channels;
    }

    void emit(Runner runner, long sequence, Object payload) {
        SpscChannel[] edges = channels;
        int k = edges.length;
        boolean value = Markers.isValue(payload);
        boolean frames = value && FrameOwnership.carriesFrames(payload);
        if (frames && k > 1) {
            FrameOwnership.retain(payload, k - 1);
        }
        for (int j = 0; j < k; j++) {
            try {
                runner.offer(edges[j], sequence, payload, frames);
            } catch (Stopped stopped) {
                if (frames) {
                    for (int m = j; m < k; m++) {
                        FrameOwnership.release(payload);
                    }
                }
                throw stopped;
            }
        }
    }

    void close() {
        for (SpscChannel c : channels) {
            c.close();
        }
    }
}
