package org.glassbox.app.ui;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.glassbox.app.workflow.WorklistRow;

/**
 * The child process of {@code glassbox bench startup}: opens the workstation on a prepared
 * workspace exactly as {@link WorkstationApp} does and prints one line
 * {@code startup-ms=T shown-ms=S rows=N nd4j-at-show=B}: T = time from JVM start to the first pulse
 * after the window showed with the worklist filled, S = JVM start to the window shown, B = whether
 * any ND4J class was loaded when the window showed (it must not be: the backend loads later). Then
 * it exits. Any failure exits 1 at once, a worklist still empty after {@link #WATCHDOG_MS} exits 2.
 * Needs a display (xvfb) or Monocle on the classpath (chosen by the parent).
 */
public final class StartupProbe {
    /** A class every ND4J start loads; its presence means ND4J was touched. */
    static final String ND4J_CLASS = "org.nd4j.linalg.factory.Nd4j";

    private StartupProbe() {
    }

    /**
     * Past this the probe gives up and exits 2: a worklist that never fills (no rows, a failed open
     * job) would otherwise keep the JVM alive on its FX thread. Shorter than the parent's timeout.
     */
    static final long WATCHDOG_MS = 100_000;

    public static void main(String[] args) {
        try {
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(WATCHDOG_MS);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println("startup probe: the worklist did not fill within " + WATCHDOG_MS / 1000 + " s");
                Runtime.getRuntime().halt(2);
            }, "startup-probe-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            probe(Path.of(args[0]));
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Any failure ends the child at once with exit 1 (the FX thread would keep it alive otherwise). */
    private static void fail(Throwable t) {
        System.err.println("startup probe failed: " + t);
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }

    private static void probe(Path workspace) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Platform.startup(() -> {
            try {
                show(workspace, jvmStart);
            } catch (Throwable t) {
                fail(t);
            }
        });
    }

    private static void show(Path workspace, long jvmStart) {
        Stage stage = new Stage();
        MainWindow window = WorkstationApp.build(workspace, false);
        window.show(stage);
        long shown = System.currentTimeMillis() - jvmStart;
        boolean nd4jAtShow = loaded(ND4J_CLASS);
        window.context().worklist().allRows().addListener((ListChangeListener<WorklistRow>) c -> {
            if (!window.context().worklist().allRows().isEmpty()) {
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        stop();
                        long ms = System.currentTimeMillis() - jvmStart;
                        System.out.println(String.format(Locale.ROOT, "startup-ms=%d shown-ms=%d rows=%d nd4j-at-show=%b", ms, shown,
                                window.context().worklist().allRows().size(), nd4jAtShow));
                        System.out.flush();
                        Runtime.getRuntime().halt(0);
                    }
                }.start();
            }
        });
    }

    /** Whether the application class loader has loaded {@code name} (without loading it). */
    static boolean loaded(String name) {
        try {
            Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            find.setAccessible(true); // needs --add-opens java.base/java.lang=ALL-UNNAMED (the parent passes it)
            return find.invoke(ClassLoader.getSystemClassLoader(), name) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot inspect loaded classes: " + e.getMessage(), e);
        }
    }
}
