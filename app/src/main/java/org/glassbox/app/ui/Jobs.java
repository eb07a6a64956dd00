package org.glassbox.app.ui;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.glassbox.core.task.CancelToken;
import org.glassbox.core.task.ProgressListener;

/**
 * Runs the workstation's long work off the FX thread. Model work (scoring, explanations, audits,
 * imports) queues on one compute thread — an engine model is not safe for concurrent calls, and two
 * cores are better spent on one job than split — and shows in the shell's ControlsFX
 * {@code TaskProgressView} with progress, an ETA and a cancel button. Quick reads (catalog queries,
 * decoding one image) run on a small pool and are not listed. A failure becomes a {@link Notice};
 * cancelling sets the job's {@link CancelToken}, which the work checks between items.
 */
public final class Jobs implements AutoCloseable {

    /** Work run in the background; reports progress and checks the token between steps. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, CancelToken cancel) throws Exception;
    }

    private final Notifier notifier;
    private final ExecutorService compute;
    private final ExecutorService quick;
    private final ObservableList<Task<?>> running = FXCollections.observableArrayList();
    /** Listed (compute) jobs not yet finished (any thread), so close() can cancel the queued ones. */
    private final java.util.Set<Task<?>> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How long close() waits for each pool to finish what it holds. */
    private final java.time.Duration closeWait;
    /** Jobs cancelled because newer work replaced them: no "Cancelled." notice for those. */
    private final java.util.Set<Task<?>> superseded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public Jobs(Notifier notifier) {
        this(notifier, java.time.Duration.ofSeconds(5));
    }

    /** As {@link #Jobs(Notifier)}; {@code closeWait} bounds how long {@link #shutdown()} waits for each pool (tests). */
    Jobs(Notifier notifier, java.time.Duration closeWait) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.closeWait = Objects.requireNonNull(closeWait, "closeWait");
        this.compute = Executors.newSingleThreadExecutor(daemon("glassbox-compute"));
        this.quick = Executors.newFixedThreadPool(2, daemon("glassbox-io"));
    }

    /** Listed jobs that have not finished yet (for TaskProgressView); FX thread only. */
    public ObservableList<Task<?>> running() {
        return running;
    }

    /**
     * Queues listed work on the compute thread. {@code onSuccess} runs on the FX thread; a failure
     * is posted to the notifier (a cancelled job as "Cancelled.") and nothing else happens.
     * Call on the FX thread.
     */
    public <T> Task<T> submit(String title, Work<T> work, Consumer<T> onSuccess) {
        return submit(title, work, onSuccess, null);
    }

    /**
     * As {@link #submit(String, Work, Consumer)}, and {@code afterwards} runs on the FX thread once
     * the work has returned or thrown, whatever happened — also after a cancel, when the task is
     * already marked cancelled but the work is still finishing what it started (work that writes the
     * catalog in batches uses it to show what was written), and exactly once when the job was
     * cancelled before it started. It runs before {@code onSuccess}.
     */
    public <T> Task<T> submit(String title, Work<T> work, Consumer<T> onSuccess, Runnable afterwards) {
        Task<T> task = task(title, work, onSuccess, afterwards);
        running.add(task);
        unfinished.add(task);
        compute.submit(task);
        return task;
    }

    /** Unlisted quick work (a catalog read, one decode) on the I/O pool; same callbacks. */
    public <T> Task<T> quick(String title, Work<T> work, Consumer<T> onSuccess) {
        Task<T> task = task(title, work, onSuccess, null);
        quick.submit(task);
        return task;
    }

    private <T> Task<T> task(String title, Work<T> work, Consumer<T> onSuccess, Runnable afterwards) {
        CancelToken token = new CancelToken();
        // Whoever claims it runs `afterwards`: the work once it ran, or the cancel of a job that never started.
        java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
        Task<T> task = new Task<>() {
            private long started;

            @Override
            protected T call() throws Exception {
                if (!claimed.compareAndSet(false, true)) {
                    throw new java.util.concurrent.CancellationException("cancelled before it started");
                }
                started = System.nanoTime();
                updateTitle(title);
                updateMessage("Waiting…");
                try {
                    return work.run((fraction, message) -> {
                        if (fraction >= 0) {
                            updateProgress(Math.min(1, fraction), 1);
                        } else {
                            updateProgress(-1, 1);
                        }
                        updateMessage(withEta(message, fraction, System.nanoTime() - started));
                    }, token);
                } finally {
                    if (afterwards != null) {
                        Platform.runLater(afterwards);
                    }
                }
            }

            /**
             * Cancels without interrupting the thread: an interrupt closes NIO channels mid-write
             * (SQLite, atomic files), so the work stops at its next token check instead.
             */
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                token.cancel();
                return super.cancel(false);
            }

            @Override
            protected void cancelled() {
                token.cancel();
            }
        };
        task.setOnSucceeded(e -> {
            unfinished.remove(task);
            running.remove(task);
            if (onSuccess != null) {
                try {
                    onSuccess.accept(task.getValue());
                } catch (RuntimeException ex) {
                    notifier.error(title, ex);
                }
            }
        });
        task.setOnFailed(e -> {
            unfinished.remove(task);
            running.remove(task);
            notifier.error(title, task.getException());
        });
        task.setOnCancelled(e -> {
            unfinished.remove(task);
            running.remove(task);
            if (afterwards != null && claimed.compareAndSet(false, true)) {
                afterwards.run(); // cancelled while queued: the work never ran, nothing else will call it
            }
            if (!superseded.remove(task)) {
                notifier.info(title, "Cancelled.");
            }
        });
        return task;
    }

    /**
     * Cancels a job because newer work replaces it (another case was selected): unlike a user's
     * cancel, no notice is posted. Null or finished tasks are ignored. FX thread only.
     */
    public void supersede(Task<?> task) {
        if (task != null && !task.isDone()) {
            superseded.add(task);
            task.cancel();
        }
    }

    /** "message · ETA 1m05s", once a tenth of the work has shown its pace. */
    static String withEta(String message, double fraction, long elapsedNanos) {
        String m = message == null ? "" : message;
        if (fraction < 0.1 || fraction >= 1 || elapsedNanos < 1_000_000_000L) {
            return m;
        }
        long remainingSeconds = Math.round(elapsedNanos / 1e9 * (1 - fraction) / fraction);
        String eta = remainingSeconds >= 60 ? remainingSeconds / 60 + "m" + String.format("%02d", remainingSeconds % 60) + "s" : remainingSeconds + "s";
        return m.isEmpty() ? "ETA " + eta : m + " · ETA " + eta;
    }

    /** Runs {@code r} on the FX thread (now, when already there). */
    public static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /**
     * Stops taking work and cancels every listed (compute) job through its token: queued ones never
     * start; none is interrupted, for the reason in {@code cancel}. Quick work already handed over
     * (a flag being saved, an audit entry, an export) is not cancelled but allowed to finish. Waits
     * up to the close bound (5 s) for each pool.
     *
     * @return true when both pools have stopped, so nothing still uses the loaded models and they
     *         may be closed; false when a job is still running after the wait (then the caller must
     *         not free the native memory it may be using)
     */
    public boolean shutdown() {
        compute.shutdown();
        quick.shutdown();
        for (Task<?> t : unfinished) {
            t.cancel();
        }
        try {
            boolean quickDone = quick.awaitTermination(closeWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            boolean computeDone = compute.awaitTermination(closeWait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return quickDone && computeDone;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@link #shutdown()}, ignoring whether everything stopped. */
    @Override
    public void close() {
        shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
