package org.glassbox.explain.attribution;

import java.util.Map;
import java.util.Objects;
import org.glassbox.explain.attribution.segmentation.GridSegmenter;
import org.glassbox.explain.attribution.segmentation.SlicSegmenter;

/**
 * Options of the superpixel SHAP methods ({@link KernelShap}, {@link PartitionShap}).
 *
 * @param evaluations model evaluations allowed per explanation, ≥ 2, v(all) and v(none) included (default 500)
 * @param segments    how the image is split: SLIC superpixels or a regular grid (default slic)
 * @param superpixels target number of segments, ≥ 1 (default 50; SLIC's count is approximate)
 * @param gridRows    grid rows, or 0 for the most square grid of about {@code superpixels} cells
 * @param gridColumns grid columns, or 0 (as rows)
 * @param compactness SLIC's spatial weight (default 200, BoofCV's, on the image stretched to 0–255)
 * @param masking     what a masked segment shows (default blur: keeps the local brightness a
 *                    radiograph has everywhere and removes the detail — a black hole would be a new,
 *                    out-of-distribution feature the model reacts to)
 * @param output      which output is explained (default score, see {@link ShapOutput})
 */
public record ShapOptions(int evaluations, Segments segments, int superpixels, int gridRows, int gridColumns,
                          float compactness, Baseline masking, ShapOutput output) {

    public enum Segments { SLIC, GRID }

    public static final int DEFAULT_EVALUATIONS = 500;
    public static final int DEFAULT_SUPERPIXELS = 50;

    public ShapOptions {
        if (evaluations < 2) {
            throw new IllegalArgumentException("evaluations must be at least 2, got " + evaluations);
        }
        Objects.requireNonNull(segments, "segments");
        if (superpixels < 1) {
            throw new IllegalArgumentException("superpixels must be at least 1, got " + superpixels);
        }
        if (gridRows < 0 || gridColumns < 0 || (gridRows == 0) != (gridColumns == 0)) {
            throw new IllegalArgumentException("grid must be ROWSxCOLUMNS with both ≥ 1, got " + gridRows + "x" + gridColumns);
        }
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(output, "output");
    }

    public static ShapOptions defaults() {
        return new ShapOptions(DEFAULT_EVALUATIONS, Segments.SLIC, DEFAULT_SUPERPIXELS, 0, 0,
                SlicSegmenter.DEFAULT_COMPACTNESS, Baseline.blur(Baseline.DEFAULT_SIGMA), ShapOutput.SCORE);
    }

    /**
     * Options {@code evaluations}, {@code segments} (slic|grid), {@code superpixels}, {@code grid}
     * (ROWSxCOLUMNS, implies a grid), {@code compactness}, {@code masking} (blur|black|mean|image) with
     * {@code sigma}, {@code mean-image}, {@code baseline-image}, and {@code output} (score|logit).
     *
     * @param method the method's CLI name, for messages
     */
    public static ShapOptions fromMap(String method, Map<String, String> options) {
        OptionReader r = new OptionReader(method, options);
        int evaluations = r.integer("evaluations", DEFAULT_EVALUATIONS, 2, 10_000_000);
        Segments segments = r.choice("segments", Segments.SLIC, Segments.class);
        int superpixels = r.integer("superpixels", DEFAULT_SUPERPIXELS, 1, 100_000);
        String grid = r.text("grid");
        int rows = 0;
        int columns = 0;
        if (grid != null) {
            String[] parts = grid.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                rows = parts.length == 2 ? Integer.parseInt(parts[0].trim()) : -1;
                columns = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            } catch (NumberFormatException e) {
                rows = -1;
            }
            if (rows < 1 || columns < 1) {
                throw r.bad("grid", grid, "expected ROWSxCOLUMNS, e.g. 7x7");
            }
            if (options.containsKey("segments") && segments != Segments.GRID) {
                throw r.bad("grid", grid, "only with segments=grid");
            }
            segments = Segments.GRID;
        }
        float compactness = (float) r.decimal("compactness", SlicSegmenter.DEFAULT_COMPACTNESS, 1e-3, 1e6);
        Baseline masking = Baseline.read(r, "masking", Baseline.Kind.BLUR);
        ShapOutput output = r.choice("output", ShapOutput.SCORE, ShapOutput.class);
        r.finish();
        return new ShapOptions(evaluations, segments, superpixels, rows, columns, compactness, masking, output);
    }

    /** The segmenter these options describe, for an image of H × W. */
    org.glassbox.explain.attribution.segmentation.Segmenter segmenter(int height, int width) {
        return switch (segments) {
            case SLIC -> new SlicSegmenter(superpixels, compactness);
            case GRID -> gridRows > 0 ? new GridSegmenter(gridRows, gridColumns)
                    : GridSegmenter.about(superpixels, height, width);
        };
    }

    ShapOptions withEvaluations(int count) {
        return new ShapOptions(count, segments, superpixels, gridRows, gridColumns, compactness, masking, output);
    }
}
