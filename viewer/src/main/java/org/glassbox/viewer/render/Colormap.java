package org.glassbox.viewer.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Colour maps for explanation overlays, 256 entries each, sampled from matplotlib by
 * {@code scripts/make-colormaps.py} so they match what researchers see in pytorch-grad-cam and
 * Captum figures. Viridis is perceptually uniform and colour-blind safe (the default); jet and hot
 * are there because published Grad-CAM figures use them. RdBu_r is diverging (blue below the
 * middle, near-white at 0.5, red above) for signed maps such as the compare view's A−B difference,
 * drawn with {@link HeatmapStyle.Scaling#SIGNED}.
 */
public enum Colormap {
    VIRIDIS, JET, HOT, RDBU_R;

    private volatile int[] rgb;

    /** Opaque ARGB for a value in [0, 1] (clamped; NaN gives entry 0). */
    public int argb(double unit) {
        int[] table = table();
        int i = Double.isNaN(unit) ? 0 : (int) Math.round(Math.max(0, Math.min(1, unit)) * 255);
        return table[i];
    }

    /** The CLI/UI name and table file: "viridis", "jet", "hot", "rdbu_r". */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    int[] table() {
        int[] t = rgb;
        if (t == null) {
            t = load();
            rgb = t;
        }
        return t;
    }

    private int[] load() {
        String resource = displayName() + ".csv";
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colour map table " + resource + " missing from the viewer jar");
            }
            int[] table = new int[256];
            int n = 0;
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split(",");
                table[n++] = 0xFF000000 | (Integer.parseInt(p[0].trim()) << 16) | (Integer.parseInt(p[1].trim()) << 8)
                        | Integer.parseInt(p[2].trim());
            }
            if (n != 256) {
                throw new IllegalStateException("colour map " + resource + " has " + n + " entries, expected 256");
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
