package org.glassbox.app.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.imaging.ModelInputSpec;
import org.glassbox.core.npy.NpyIO;
import org.glassbox.explain.quality.RegionMask;
import org.glassbox.viewer.render.MapFootprint;

/**
 * Ground-truth region masks: 2-D .npy arrays, non-zero inside. The catalog stores none; a generated
 * cohort keeps them beside its DICOM folder, in {@code ../masks/<SOPInstanceUID>_<label>.npy}.
 */
public final class TruthMasks {
    private TruthMasks() {
    }

    /** The generated cohort's mask for this instance and label, when there is one. */
    public static Optional<Path> findGenerated(Path dicomFile, String sopInstanceUid, String label) {
        Path parent = dicomFile.toAbsolutePath().getParent();
        if (parent == null || parent.getParent() == null) {
            return Optional.empty();
        }
        Path candidate = parent.getParent().resolve("masks").resolve(sopInstanceUid + "_" + label + ".npy");
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /**
     * A mask on a map's grid: read at the map's size (then taken as it is), or at the source image's
     * size (then area-averaged onto the map's grid, inside when at least half covered). A source-size
     * mask is placed through the model's {@link MapFootprint}: a map covers only the part of the frame
     * the model saw (for a shorter-side resize plus centre crop, the centre), so map cell (x, y) takes
     * the source pixels under that cell of the footprint, not of the whole frame. NaN counts as outside.
     *
     * @param sourceRows    the source image's rows (≤ 0 when unknown)
     * @param sourceColumns the source image's columns (≤ 0 when unknown)
     * @param spec          the model's preprocessing, which places the map on the frame; null when the
     *                      map covers the whole frame
     * @throws IllegalArgumentException when the mask is not 2-D, matches neither size, or covers nothing
     */
    public static RegionMask onMapGrid(Path file, int mapHeight, int mapWidth, int sourceRows, int sourceColumns, ModelInputSpec spec)
            throws IOException {
        NpyArray a = NpyIO.read(file);
        int[] s = a.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(file + ": a mask must be 2-D, got shape " + Arrays.toString(s));
        }
        double[] v = a.toDoubleArray();
        if (s[0] == mapHeight && s[1] == mapWidth) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = Double.isNaN(v[i]) || v[i] == 0 ? 0 : 1;
            }
            return RegionMask.of(mapHeight, mapWidth, f);
        }
        if (s[0] != sourceRows || s[1] != sourceColumns) {
            throw new IllegalArgumentException("mask size mismatch: " + file + " is " + s[0] + " x " + s[1] + ", the map is " + mapHeight + " x "
                    + mapWidth + (sourceRows > 0 ? " and the source image " + sourceRows + " x " + sourceColumns : ""));
        }
        MapFootprint fp = spec == null ? MapFootprint.whole(sourceColumns, sourceRows) : MapFootprint.ofModelInput(spec, sourceRows, sourceColumns);
        float[] f = new float[mapHeight * mapWidth];
        for (int y = 0; y < mapHeight; y++) {
            int y0 = Math.min(sourceRows - 1, sourceIndex(fp.top(), fp.height(), y, mapHeight, sourceRows));
            int y1 = Math.max(y0 + 1, sourceIndex(fp.top(), fp.height(), y + 1, mapHeight, sourceRows));
            for (int x = 0; x < mapWidth; x++) {
                int x0 = Math.min(sourceColumns - 1, sourceIndex(fp.left(), fp.width(), x, mapWidth, sourceColumns));
                int x1 = Math.max(x0 + 1, sourceIndex(fp.left(), fp.width(), x + 1, mapWidth, sourceColumns));
                int inside = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        double value = v[yy * sourceColumns + xx];
                        inside += value != 0 && !Double.isNaN(value) ? 1 : 0;
                    }
                }
                f[y * mapWidth + x] = 2 * inside >= (y1 - y0) * (x1 - x0) ? 1 : 0;
            }
        }
        RegionMask resized = RegionMask.of(mapHeight, mapWidth, f);
        if (resized.area() == 0) {
            throw new IllegalArgumentException("mask " + file + " covers no pixel of the " + mapHeight + " x " + mapWidth + " map");
        }
        return resized;
    }

    /**
     * The first source pixel at or after map edge {@code gridEdge} (0..gridSize) of a footprint
     * starting at {@code start} and {@code extent} long, clamped to [0, sourceSize]. For the whole
     * frame this is {@code gridEdge × sourceSize / gridSize} truncated, exactly (the product is an
     * exact double and the division is correctly rounded); the small tolerance keeps a fractional
     * footprint edge that lands on a pixel boundary from rounding down one pixel.
     */
    private static int sourceIndex(double start, double extent, int gridEdge, int gridSize, int sourceSize) {
        double at = start + gridEdge * extent / gridSize;
        int i = (int) Math.floor(at + 1e-9);
        return Math.max(0, Math.min(sourceSize, i));
    }
}
