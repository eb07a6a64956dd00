package org.glassbox.explain.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.glassbox.explain.SaliencyMap;

/**
 * An order of a map's pixels, most relevant first — what deletion removes first and insertion
 * restores first. Ties keep row-major order, so a ranking is deterministic. NaN values rank last.
 */
public final class PixelRanking {
    private final int height;
    private final int width;
    private final int[] order;

    private PixelRanking(int height, int width, int[] order) {
        this.height = height;
        this.width = width;
        this.order = order;
    }

    /** Pixels by descending map value (signed: negative evidence is removed last). */
    public static PixelRanking of(SaliencyMap map) {
        float[] v = map.values();
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> Float.isNaN(v[i]) ? Double.POSITIVE_INFINITY : -v[i]));
        return new PixelRanking(map.height(), map.width(), Arrays.stream(idx).mapToInt(Integer::intValue).toArray());
    }

    /**
     * Superpixels by descending mean map value; the pixels of one superpixel follow each other (in
     * row-major order), so a curve removes whole regions.
     *
     * @param labels one segment label per pixel, row-major, same size as the map
     */
    public static PixelRanking bySegments(SaliencyMap map, int[] labels) {
        if (labels.length != map.height() * map.width()) {
            throw new IllegalArgumentException("segment labels: " + labels.length + " values for a " + map.height() + "×"
                    + map.width() + " map");
        }
        float[] v = map.values();
        TreeMap<Integer, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            members.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        List<Integer> segments = new ArrayList<>(members.keySet());
        java.util.Map<Integer, Double> mean = new java.util.HashMap<>();
        for (var e : members.entrySet()) {
            double s = 0;
            for (int i : e.getValue()) {
                s += Float.isNaN(v[i]) ? 0 : v[i];
            }
            mean.put(e.getKey(), s / e.getValue().size());
        }
        segments.sort(Comparator.comparingDouble((Integer s) -> -mean.get(s)));
        int[] order = new int[labels.length];
        int o = 0;
        for (int s : segments) {
            for (int i : members.get(s)) {
                order[o++] = i;
            }
        }
        return new PixelRanking(map.height(), map.width(), order);
    }

    /** The same pixels in the opposite order (least relevant first). */
    public PixelRanking reversed() {
        int[] r = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = order[order.length - 1 - i];
        }
        return new PixelRanking(height, width, r);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int size() {
        return order.length;
    }

    /** Flat index (y · width + x) of the pixel at rank {@code rank} (0 = most relevant). */
    public int pixelAt(int rank) {
        return order[rank];
    }
}
