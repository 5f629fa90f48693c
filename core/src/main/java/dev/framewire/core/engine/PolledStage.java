package dev.framewire.core.engine;

/**
 * SPI: a {@link TransformStage} with no threads of its own, driven by the coordinator thread of its node. That one
 * thread takes the node's input, {@link #submit}s items while the stage {@link #hasRoom has room}, {@link #poll}s
 * for outcomes and emits them downstream in sequence order, so an item costs the coordinator two wake-ups of one
 * thread instead of hand-offs between a dispatcher, a collector and the stage's own threads. Suits stages whose work
 * happens elsewhere (child processes) and whose outcomes can be checked without blocking.
 *
 * <p><b>Contract</b>, on top of {@link TransformStage}'s: every method but {@link #busy} and {@link #close} is called
 * from the driving thread only. {@link #submit} is called only right after {@link #hasRoom} returned true and must
 * not wait for room. {@link #poll} must not block; it delivers, through the {@link StageContext}, every outcome that
 * arrived (from the driving thread, so the context sees them in the order they were delivered).
 */
public interface PolledStage extends TransformStage {

    /** Whether {@link #submit} would accept an item now without waiting. */
    boolean hasRoom();

    /**
     * Delivers the outcomes that arrived since the last call, without waiting for more.
     *
     * @return how many were delivered
     */
    int poll();
}
