package org.glassbox.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.glassbox.core.imaging.GreyscalePipeline;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.glassbox.viewer.render.DisplayLut;
import org.glassbox.viewer.render.GreyRenderer;
import org.glassbox.viewer.render.Viewport;

/**
 * Re-render after a window/level change (issue 6: ≤ 16 ms for a 2,500 × 3,000 16-bit image): each
 * iteration moves the window, rebuilds the display table and renders the frame into an ARGB buffer —
 * everything but handing the buffer to the screen. Two views: the whole image at 1:1 (7.5 Mpx, the
 * worst case) and fitted into a 1920 × 1080 pane (what a reading room shows).
 */
final class RenderBenchmark {
    private RenderBenchmark() {
    }

    /** Milliseconds per re-render: median, 95th percentile and maximum over {@code iterations}. */
    record Result(String view, int viewWidth, int viewHeight, int iterations, double medianMs, double p95Ms, double maxMs) {
    }

    static List<Result> run(int columns, int rows, int iterations) {
        FramePixels frame = syntheticFrame(columns, rows);
        List<Result> results = new ArrayList<>();
        results.add(measure("1:1 whole image", frame, new Viewport(columns, rows, 1, columns / 2.0, rows / 2.0), iterations));
        results.add(measure("fit 1920x1080", frame, Viewport.fit(columns, rows, 1920, 1080), iterations));
        return results;
    }

    private static Result measure(String name, FramePixels frame, Viewport viewport, int iterations) {
        GreyRenderer renderer = new GreyRenderer();
        int[] buffer = new int[viewport.viewWidth() * viewport.viewHeight()];
        int warmup = Math.max(10, iterations / 5);
        double[] ms = new double[iterations];
        long checksum = 0;
        for (int i = -warmup; i < iterations; i++) {
            // A right-drag moves centre and width a little each event.
            double centre = 30000 + 40 * (i % 50);
            double width = 20000 + 25 * (i % 37);
            long t0 = System.nanoTime();
            GreyscalePipeline pipeline = new GreyscalePipeline(ModalityTransform.IDENTITY, Window.linear(centre, width), false);
            DisplayLut lut = DisplayLut.of(pipeline, frame.description());
            renderer.render(frame, lut, pipeline, viewport, buffer);
            long t1 = System.nanoTime();
            checksum += buffer[buffer.length / 2];
            if (i >= 0) {
                ms[i] = (t1 - t0) / 1e6;
            }
        }
        if (checksum == 42) {
            System.err.print(""); // keeps the renders observable so the JIT cannot drop them
        }
        Arrays.sort(ms);
        return new Result(name, viewport.viewWidth(), viewport.viewHeight(), iterations, ms[iterations / 2],
                ms[(int) Math.min(iterations - 1, Math.ceil(0.95 * iterations) - 1)], ms[iterations - 1]);
    }

    /** A 16-bit frame with smooth anatomy-like structure and noise, so no branch or cache is favoured. */
    static FramePixels syntheticFrame(int columns, int rows) {
        PixelDescription d = new PixelDescription(rows, columns, 1, 1, 16, 16, 15, false, "MONOCHROME2");
        int[] samples = new int[rows * columns];
        SplittableRandom random = new SplittableRandom(20261123);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                double v = 32768 + 15000 * Math.sin(x / 180.0) * Math.cos(y / 240.0) + random.nextGaussian() * 800;
                samples[y * columns + x] = (int) Math.max(0, Math.min(65535, v));
            }
        }
        return new FramePixels(d, 0, samples);
    }
}
