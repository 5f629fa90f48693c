package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every thread of a run shares: the error log, the stop flag and the first fatal failure. Thread-safe.
 */
final class RunState {
    final String network;
    final RunOptions options;
    private final List<ItemError> errors = new ArrayList<>();
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicReference<RunException> failure = new AtomicReference<>();
    /** counted down once, by the end of the run or by the first fatal failure */
    final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopped;

    RunState(String network, RunOptions options) {
        this.network = network;
        this.options = options;
    }

    /**
     * Records an error outcome created by a node; under fail-fast, stops the run naming it. Errors after the run
     * began stopping are not recorded.
     *
     * @return the payload to send downstream in place of the item
     */
    ErrorMark error(ItemError error) {
        if (stopped) {
            // once stopping, node functions fail because they are interrupted: not the items' fault, not reported
            return new ErrorMark(error);
        }
        long n = errorCount.incrementAndGet();
        if (n <= options.maxRecordedErrors()) {
            synchronized (errors) {
                errors.add(error);
            }
        }
        if (options.failFast()) {
            fail(new RunFailedException("network '" + network + "' stopped by fail-fast: " + error, error, null, null));
        }
        return new ErrorMark(error);
    }

    /** Stops the run with {@code reason} unless another failure came first. */
    void fail(RunException reason) {
        if (failure.compareAndSet(null, reason)) {
            stopped = true;
            finished.countDown();
        }
    }

    /** Stops the run without a failure (timeout, interruption): threads see {@link #stopped()}. */
    void stop() {
        stopped = true;
        finished.countDown();
    }

    boolean stopped() {
        return stopped;
    }

    RunException failure() {
        return failure.get();
    }

    List<ItemError> errors() {
        synchronized (errors) {
            return List.copyOf(new ArrayList<>(errors));
        }
    }

    long errorCount() {
        return errorCount.get();
    }
}
