package org.glassbox.core.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.core.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resizing against hand-computed values and against independent implementations: PyTorch's
 * {@code F.interpolate} (nearest, bilinear, bicubic, and area at integer ratios) and, for area at
 * any ratio, a numpy reference that integrates the piecewise-constant source with prefix sums
 * (a different algorithm from our per-pixel coverage weights).
 */
class ResamplingTest {
    @TempDir
    Path dir;

    private static PlanarImage row(float... v) {
        return new PlanarImage(1, 1, v.length, v);
    }

    private static float[] resizeRow(PlanarImage image, int out, ResizeFilter f) {
        return Resampling.resize(image, 1, out, f).data();
    }

    @Test
    void handComputedCases() {
        // area 4 -> 2: pairs averaged
        assertThat(resizeRow(row(1, 2, 3, 4), 2, ResizeFilter.AREA)).containsExactly(1.5f, 3.5f);
        // area 3 -> 2: pixel 1 is split half/half: (0 + 0.5*3)/1.5 = 1, (0.5*3 + 6)/1.5 = 5
        assertThat(resizeRow(row(0, 3, 6), 2, ResizeFilter.AREA)).containsExactly(1f, 5f);
        // bilinear 2 -> 4, half-pixel centres: sources -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the last pixel)
        assertThat(resizeRow(row(0, 1), 4, ResizeFilter.BILINEAR)).containsExactly(0f, 0.25f, 0.75f, 1f);
        // nearest 3 -> 2: floor(0 * 1.5) = 0, floor(1 * 1.5) = 1
        assertThat(resizeRow(row(7, 8, 9), 2, ResizeFilter.NEAREST)).containsExactly(7f, 8f);
        // bicubic of a constant is the constant (weights sum to 1)
        for (float v : resizeRow(row(5, 5, 5, 5, 5), 3, ResizeFilter.BICUBIC)) {
            assertThat(v).isCloseTo(5f, within(1e-6f));
        }
        // Keys a = -0.75 at t = 0.5: -0.09375, 0.59375, 0.59375, -0.09375
        assertThat(Resampling.AxisWeights.cubicWeights(0.5)).containsExactly(-0.09375, 0.59375, 0.59375, -0.09375);
    }

    @Test
    void areaOfAnUpsampleKeepsTheMeanAndChannelsStayApart() {
        float[] v = {1, 2, 3, 4, 10, 20, 30, 40};
        PlanarImage two = new PlanarImage(2, 2, 2, v);
        PlanarImage up = Resampling.resize(two, 6, 6, ResizeFilter.AREA);
        double m0 = 0;
        double m1 = 0;
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                m0 += up.get(0, y, x);
                m1 += up.get(1, y, x);
            }
        }
        assertThat(m0 / 36).isCloseTo(2.5, within(1e-6));
        assertThat(m1 / 36).isCloseTo(25, within(1e-5));
        assertThat(up.get(0, 0, 0)).isEqualTo(1f);
        assertThat(up.get(1, 5, 5)).isEqualTo(40f);
    }

    @Test
    void equalsPyTorchAndTheNumpyAreaIntegral() throws Exception {
        Path python = ExternalTools.requirePython("python3-torch", "numpy", "torch");
        Random random = new Random(3);
        record Case(String name, int c, int h, int w, int oh, int ow, ResizeFilter filter, String ref) {
        }
        List<Case> cases = List.of(
                new Case("down_nearest", 1, 37, 53, 16, 24, ResizeFilter.NEAREST, "torch"),
                new Case("down_bilinear", 2, 37, 53, 16, 24, ResizeFilter.BILINEAR, "torch"),
                new Case("down_bicubic", 1, 37, 53, 16, 24, ResizeFilter.BICUBIC, "torch"),
                new Case("up_nearest", 1, 13, 11, 29, 31, ResizeFilter.NEAREST, "torch"),
                new Case("up_bilinear", 3, 13, 11, 29, 31, ResizeFilter.BILINEAR, "torch"),
                new Case("up_bicubic", 1, 13, 11, 29, 31, ResizeFilter.BICUBIC, "torch"),
                new Case("area_int", 1, 64, 96, 16, 24, ResizeFilter.AREA, "torch"),
                new Case("area_int_big", 1, 2240, 2240, 224, 224, ResizeFilter.AREA, "torch"),
                new Case("area_frac", 2, 37, 53, 16, 24, ResizeFilter.AREA, "integral"),
                new Case("area_up", 1, 13, 11, 29, 31, ResizeFilter.AREA, "integral"),
                new Case("area_3000", 1, 3000, 2500, 224, 224, ResizeFilter.AREA, "integral"));
        StringBuilder script = new StringBuilder("""
                import sys, numpy as np, torch
                import torch.nn.functional as F
                d = sys.argv[1]
                def integral(a, oh, ow):
                    def axis(x, m):  # resample the last axis of x to m by integrating the step function
                        n = x.shape[-1]
                        s = np.concatenate([np.zeros(x.shape[:-1] + (1,)), np.cumsum(x, axis=-1)], axis=-1)
                        b = np.arange(m + 1) * (n / m)
                        j = np.minimum(np.floor(b).astype(int), n - 1)
                        cum = s[..., j] + (b - j) * x[..., j]
                        return (cum[..., 1:] - cum[..., :-1]) / (n / m)
                    a = a.astype(np.float64)
                    a = axis(a, ow)
                    a = np.swapaxes(axis(np.swapaxes(a, -1, -2), oh), -1, -2)
                    return a.astype(np.float32)
                """);
        List<float[]> ours = new ArrayList<>();
        for (Case k : cases) {
            float[] v = new float[k.c() * k.h() * k.w()];
            for (int i = 0; i < v.length; i++) {
                v[i] = random.nextFloat();
            }
            NpyIO.write(NpyArray.ofFloat32(v, k.c(), k.h(), k.w()), dir.resolve(k.name() + ".npy"));
            ours.add(Resampling.resize(new PlanarImage(k.c(), k.h(), k.w(), v), k.oh(), k.ow(), k.filter()).data());
            String load = "a = np.load(d + '/" + k.name() + ".npy')\n";
            String call = k.ref().equals("integral")
                    ? "r = integral(a, " + k.oh() + ", " + k.ow() + ")\n"
                    : "r = F.interpolate(torch.from_numpy(a)[None], size=(" + k.oh() + ", " + k.ow() + "), mode='"
                      + k.filter().name().toLowerCase() + "'" + (k.filter() == ResizeFilter.BILINEAR || k.filter() == ResizeFilter.BICUBIC
                      ? ", align_corners=False" : "") + ")[0].numpy()\n";
            script.append(load).append(call).append("np.save(d + '/").append(k.name()).append("_ref.npy', r)\n");
        }
        Path py = dir.resolve("ref.py");
        Files.writeString(py, script, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(python.toString(), py.toString(), dir.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        for (int i = 0; i < cases.size(); i++) {
            Case k = cases.get(i);
            NpyArray ref = NpyIO.read(dir.resolve(k.name() + "_ref.npy"));
            assertThat(ref.shape()).as(k.name()).containsExactly(k.c(), k.oh(), k.ow());
            float[] r = ref.toFloatArray();
            float[] o = ours.get(i);
            double worst = 0;
            for (int j = 0; j < r.length; j++) {
                worst = Math.max(worst, Math.abs(r[j] - o[j]));
            }
            assertThat(worst).as(k.name() + " max |ours - reference|").isLessThan(1e-5);
        }
    }

    @Test
    void sameSizeIsTheImageItself() throws IOException {
        PlanarImage img = row(1, 2, 3);
        assertThat(Resampling.resize(img, 1, 3, ResizeFilter.BICUBIC)).isSameAs(img);
    }
}
