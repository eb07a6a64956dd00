package org.glassbox.core.imaging;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * Prints how long {@link ImagePresentation} takes to render a 2500×3000 16-bit frame (median of 15
 * runs after 10 warm-up runs), next to a peer measured in the same run: a plain int→float copy of
 * the same frame, the floor any per-pixel rendering pays. Not a test: no timed assertions.
 * Run: {@code java -cp core/target/classes:core/target/test-classes org.glassbox.core.imaging.RenderBenchmark}
 */
public final class RenderBenchmark {
    private RenderBenchmark() {
    }

    public static void main(String[] args) {
        int rows = 2500;
        int columns = 3000;
        PixelDescription d = new PixelDescription(rows, columns, 1, 1, 16, 16, 15, false, "MONOCHROME1");
        SplittableRandom rnd = new SplittableRandom(1);
        int[] s = new int[rows * columns];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextInt(65536);
        }
        FramePixels frame = new FramePixels(d, 0, s);
        int[] lut = new int[65536];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = 65535 - i;
        }
        List<VoiChoice> voi = List.of(
                new VoiChoice(Window.linear(30000, 20000), "window"),
                new VoiChoice(new Window(30000, 20000, VoiLutFunction.SIGMOID), "sigmoid"),
                new VoiChoice(new VoiLut(new LookupTable(0, 16, lut)), "VOI LUT 65536 entries"));
        PresentationParameters p = new PresentationParameters(new ModalityTransform.Rescale(1.5, -1024), "US", voi,
                PresentationLutShape.INVERSE, true, List.of());
        System.out.printf("frame %d x %d, 16 bits stored, rescale + MONOCHROME1, %d processors%n", rows, columns,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-28s %10.1f ms%n", "peer: int->float copy", median(() -> copy(frame)));
        for (int k = 0; k < voi.size(); k++) {
            int index = k;
            System.out.printf("%-28s %10.1f ms (toUnit)  %8.1f ms (to8Bit)%n", voi.get(k).explanation(),
                    median(() -> ImagePresentation.toUnit(p, index, frame).length),
                    median(() -> ImagePresentation.to8Bit(p, index, frame).length));
        }
        System.out.printf("%-28s %10.1f ms (toUnit)  %8.1f ms (to8Bit)%n", "min-max",
                median(() -> ImagePresentation.toUnit(p, ImagePresentation.MIN_MAX, frame).length),
                median(() -> ImagePresentation.to8Bit(p, ImagePresentation.MIN_MAX, frame).length));
    }

    private static int copy(FramePixels frame) {
        float[] out = new float[frame.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = frame.sample(i);
        }
        return out.length;
    }

    private static double median(java.util.function.IntSupplier work) {
        long sink = 0;
        for (int i = 0; i < 10; i++) {
            sink += work.getAsInt();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            sink += work.getAsInt();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        if (sink == 42) {
            System.out.print(""); // keep the results alive
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
