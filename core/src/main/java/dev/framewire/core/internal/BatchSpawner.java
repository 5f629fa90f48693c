package dev.framewire.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Starts the engines' threads and child processes from one thread whose Linux scheduling policy is
 * {@code SCHED_BATCH}, so that they inherit it: a thread that wakes up then waits for the running one's time slice
 * instead of preempting it.
 *
 * <p>Why: a run keeps more threads than cores, most of them waiting for the few that compute (decoders, analyzers),
 * and under the default policy every wake-up of a waiting thread preempted a computing one (a decode child was
 * preempted about 2 300 times a second). On two cores, 12-photo runs of 12 MP photos took 3% less time on threads
 * and 5% less on processes (README, process engine measurements). The policy is inherited by the threads a thread
 * creates and by the processes it starts, so one thread needs it, set once per JVM.
 *
 * <p>Only the start happens on the spawner thread: a {@link Thread} is constructed by the caller, so its context class
 * loader and inheritable thread-locals are the caller's, as before. The system property
 * {@value #PROPERTY}{@code =inherit} turns it off (threads and processes then take the caller's policy); so does any
 * failure to set the policy (not Linux, no {@code chrt}, a sandbox that forbids it), after one logged line.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread; starts are serialized on the spawner thread.
 */
public final class BatchSpawner {
    /** {@code batch} (the default) or {@code inherit}. */
    public static final String PROPERTY = "framewire.scheduling";
    /** Linux {@code SCHED_BATCH}, as {@link ThisThread#policy()} reports it. */
    public static final int SCHED_BATCH = 3;

    private static final System.Logger LOG = System.getLogger(BatchSpawner.class.getName());

    private BatchSpawner() {
    }

    /** Starts {@code threads} (in order), from the spawner thread when there is one. */
    public static void start(List<Thread> threads) {
        ExecutorService spawner = Holder.SPAWNER;
        if (spawner == null) {
            threads.forEach(Thread::start);
            return;
        }
        onSpawner(spawner, () -> {
            threads.forEach(Thread::start);
            return null;
        });
    }

    /** {@link ProcessBuilder#start()}, from the spawner thread when there is one. */
    public static Process start(ProcessBuilder builder) throws IOException {
        ExecutorService spawner = Holder.SPAWNER;
        if (spawner == null) {
            return builder.start();
        }
        try {
            return onSpawner(spawner, () -> {
                try {
                    return builder.start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether threads and processes started here get {@code SCHED_BATCH}. */
    public static boolean batch() {
        return Holder.SPAWNER != null;
    }

    private static <T> T onSpawner(ExecutorService spawner, java.util.concurrent.Callable<T> task) {
        Future<T> done = spawner.submit(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    // the start is under way on the spawner: wait for it, so no thread or process goes unaccounted
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return null when the calling thread is now {@code SCHED_BATCH}, else why not. Outside {@link Holder}: the
     * spawner thread runs it while the holder's initializer waits for it.
     */
    private static String makeCurrentThreadBatch() {
        String why = ThisThread.apply("chrt", "--batch", "--pid", "0").orElse(null);
        if (why != null) {
            return why;
        }
        int policy = ThisThread.policy();
        return policy == SCHED_BATCH ? null : "the policy is " + policy + " after chrt";
    }

    /** The spawner, made on first use; null when the policy is not wanted or could not be set. */
    private static final class Holder {
        static final ExecutorService SPAWNER = create();

        private static ExecutorService create() {
            String wanted = System.getProperty(PROPERTY, "batch").trim().toLowerCase(Locale.ROOT);
            if (wanted.equals("inherit")) {
                return null;
            }
            if (!wanted.equals("batch")) {
                LOG.log(System.Logger.Level.WARNING, PROPERTY + "=" + wanted + " is neither batch nor inherit; "
                        + "using batch");
            }
            if (!ThisThread.identifiable()) {
                LOG.log(System.Logger.Level.DEBUG, "not Linux: framewire threads keep the default scheduling policy");
                return null;
            }
            ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "framewire-spawner");
                t.setDaemon(true);
                return t;
            });
            String why;
            try {
                why = spawner.submit(BatchSpawner::makeCurrentThreadBatch).get(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted";
            } catch (ExecutionException e) {
                why = String.valueOf(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                why = "chrt took more than 15 s";
            }
            if (why == null) {
                return spawner;
            }
            spawner.shutdown();
            LOG.log(System.Logger.Level.INFO, "framewire threads and child processes keep the default scheduling "
                    + "policy: SCHED_BATCH could not be set (" + why + ")");
            return null;
        }
    }
}
