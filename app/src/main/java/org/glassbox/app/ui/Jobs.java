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
    /** Every job not yet finished (any thread), so close() can cancel the queued ones. */
    private final java.util.Set<Task<?>> unfinished = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Jobs cancelled because newer work replaced them: no "Cancelled." notice for those. */
    private final java.util.Set<Task<?>> superseded = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    public Jobs(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
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
     * catalog in batches uses it to show what was written).
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
        unfinished.add(task);
        quick.submit(task);
        return task;
    }

    private <T> Task<T> task(String title, Work<T> work, Consumer<T> onSuccess, Runnable afterwards) {
        CancelToken token = new CancelToken();
        Task<T> task = new Task<>() {
            private long started;

            @Override
            protected T call() throws Exception {
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
     * Stops taking work, cancels every job through its token (queued ones never start; none is
     * interrupted, for the reason in {@code cancel}) and waits up to 5 s for the running compute job
     * to return, so the models it uses are not closed under it (native memory).
     */
    @Override
    public void close() {
        compute.shutdown();
        quick.shutdown();
        for (Task<?> t : unfinished) {
            t.cancel();
        }
        try {
            compute.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
