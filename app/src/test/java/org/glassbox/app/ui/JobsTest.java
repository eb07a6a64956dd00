package org.glassbox.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Background jobs: cancel reaches the work's token, failures become notices, the ETA text. */
class JobsTest {
    private final Notifier notifier = new Notifier();
    private final Jobs jobs = new Jobs(notifier);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Jobs.onFx(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void cancellingAListedJobSetsItsTokenTheWorkStopsAndAnInfoNoticeSaysCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean succeeded = new AtomicBoolean();
        Task<Integer> task = onFx(() -> jobs.submit("Scoring", (progress, cancel) -> {
            started.countDown();
            for (int i = 0; i < 3000; i++) {
                if (cancel.isCancelled()) {
                    sawCancel.set(true);
                    return i;
                }
                progress.update(i / 3000.0, "item " + i);
                Thread.sleep(10);
            }
            return -1;
        }, v -> succeeded.set(true)));
        assertThat(onFx(() -> jobs.running().contains(task))).isTrue();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        onFx(task::cancel);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, sawCancel::get);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> jobs.running().isEmpty())).isTrue();
        assertThat(succeeded).isFalse();
        Notice n = onFx(() -> notifier.notices().get(notifier.notices().size() - 1));
        assertThat(n.level()).isEqualTo(Notice.Level.INFO);
        assertThat(n.title()).isEqualTo("Scoring");
        assertThat(n.message()).isEqualTo("Cancelled.");
    }

    @Test
    void aSupersededJobStopsWithoutANoticeAndCloseWaitsForTheRunningJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Task<Integer> task = onFx(() -> jobs.submit("Open case", (progress, cancel) -> {
            started.countDown();
            while (!cancel.isCancelled()) {
                Thread.sleep(5);
            }
            stopped.set(true);
            return 0;
        }, v -> { }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        onFx(() -> {
            jobs.supersede(task);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> jobs.running().isEmpty()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, stopped::get);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> notifier.notices().isEmpty())).as("no 'Cancelled.' for work replaced by newer work").isTrue();

        // close() returns only after the compute thread let go of the job it was running
        AtomicBoolean finished = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        onFx(() -> jobs.submit("Explain", (progress, cancel) -> {
            running.countDown();
            Thread.sleep(300); // work that does not look at its token: close must still wait for it
            finished.set(true);
            return 0;
        }, v -> { }));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        jobs.close();
        assertThat(finished).isTrue();
    }

    @Test
    void afterwardsRunsOnceTheWorkHasReallyStoppedEvenAfterACancel() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean workEnded = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger afterwards = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean endedBeforeAfterwards = new AtomicBoolean();
        Task<Integer> task = onFx(() -> jobs.submit("Import", (progress, cancel) -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS); // finishing the batch it had started
            workEnded.set(true);
            return 1;
        }, v -> { }, () -> {
            endedBeforeAfterwards.set(workEnded.get());
            afterwards.incrementAndGet();
        }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        onFx(task::cancel);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(afterwards.get()).as("the work is still running").isZero();
        release.countDown();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> afterwards.get() == 1);
        assertThat(endedBeforeAfterwards).isTrue();
    }

    @Test
    void afterwardsRunsOnceForAJobCancelledWhileQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        onFx(() -> jobs.submit("Busy", (progress, cancel) -> {
            started.countDown();
            release.await(30, TimeUnit.SECONDS);
            return 0;
        }, v -> { }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean workRan = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger afterwards = new java.util.concurrent.atomic.AtomicInteger();
        Task<Integer> queued = onFx(() -> jobs.submit("Open workspace", (progress, cancel) -> {
            workRan.set(true);
            return 1;
        }, v -> { }, afterwards::incrementAndGet));
        onFx(queued::cancel);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> afterwards.get() == 1);
        release.countDown();
        // the compute thread has moved past the cancelled job: the work never ran, afterwards stays at one
        CountDownLatch next = new CountDownLatch(1);
        onFx(() -> jobs.submit("Next", (progress, cancel) -> {
            next.countDown();
            return 0;
        }, v -> { }));
        assertThat(next.await(30, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(workRan).isFalse();
        assertThat(afterwards.get()).isEqualTo(1);
    }

    @Test
    void shutdownLetsQuickWorkAlreadySubmittedFinishAndCancelsQueuedComputeJobs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger quickDone = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean queuedComputeRan = new AtomicBoolean();
        CountDownLatch computeStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Task<Integer>> queued = new java.util.concurrent.atomic.AtomicReference<>();
        onFx(() -> {
            jobs.submit("Scoring", (progress, cancel) -> {
                computeStarted.countDown();
                release.await(30, TimeUnit.SECONDS);
                return 0;
            }, v -> { });
            queued.set(jobs.submit("Scoring B", (progress, cancel) -> {
                queuedComputeRan.set(true);
                return 0;
            }, v -> { }));
            // more quick work than the pool has threads: some of it is still queued at shutdown
            for (int i = 0; i < 5; i++) {
                jobs.quick("Flag case", (progress, cancel) -> {
                    release.await(30, TimeUnit.SECONDS);
                    quickDone.incrementAndGet(); // e.g. a flag written to the catalog
                    return 0;
                }, v -> { });
            }
            return null;
        });
        assertThat(computeStarted.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(jobs::shutdown);
        // let the running jobs end only once shutdown has cancelled the queued one (else it may start first)
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> queued.get().isCancelled());
        release.countDown();
        assertThat(stopped.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(quickDone.get()).as("every quick job submitted before the quit ran").isEqualTo(5);
        assertThat(queuedComputeRan).as("queued model work is cancelled").isFalse();
    }

    @Test
    void shutdownSaysSoWhenAJobIsStillRunningAfterTheWait() throws Exception {
        Jobs brief = new Jobs(notifier, java.time.Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            onFx(() -> brief.submit("Scoring", (progress, cancel) -> {
                started.countDown();
                release.await(60, TimeUnit.SECONDS); // ignores its token, like a long native call
                return 0;
            }, v -> { }));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(brief.shutdown()).as("the job still holds its model: not safe to free it").isFalse();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aFailingJobBecomesAnErrorNoticeWithItsMessageAndTheCausesAsDetails() throws Exception {
        onFx(() -> jobs.submit("Import", (progress, cancel) -> {
            throw new IOException("cannot write the catalog", new IllegalStateException("disk full"));
        }, v -> { }));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> !notifier.notices().isEmpty()));
        Notice n = onFx(() -> notifier.notices().get(0));
        assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
        assertThat(n.title()).isEqualTo("Import");
        assertThat(n.message()).isEqualTo("cannot write the catalog");
        assertThat(n.details()).isEqualTo("IllegalStateException: disk full");
        assertThat(onFx(() -> jobs.running().isEmpty())).isTrue();
    }

    @Test
    void etaAppearsOnceATenthIsDoneAndASecondHasPassed() {
        long second = 1_000_000_000L;
        assertThat(Jobs.withEta("Scoring", 0.05, 10 * second)).isEqualTo("Scoring");
        assertThat(Jobs.withEta("Scoring", 0.5, second / 2)).isEqualTo("Scoring");
        // a quarter done in 10 s: 30 s to go
        assertThat(Jobs.withEta("Scoring", 0.25, 10 * second)).isEqualTo("Scoring · ETA 30s");
        // half done in 2 min: 2 min to go
        assertThat(Jobs.withEta("", 0.5, 120 * second)).isEqualTo("ETA 2m00s");
        assertThat(Jobs.withEta("Scoring", 1.0, 10 * second)).isEqualTo("Scoring");
    }
}
