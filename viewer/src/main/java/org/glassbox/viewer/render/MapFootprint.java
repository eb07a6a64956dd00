package org.glassbox.viewer.render;

import org.glassbox.core.imaging.ModelInput;
import org.glassbox.core.imaging.ModelInputSpec;

/**
 * The rectangle of an image, in image pixels (pixel (x, y) covers [x, x+1) × [y, y+1)), that an
 * explanation map covers. A map is computed on the model's input; when the model's preprocessing
 * resizes the whole frame the map covers the whole image, when it centre-crops after resizing the
 * map covers only the cropped part, scaled back to source pixels.
 *
 * @param left   x of the left edge, ≥ 0
 * @param top    y of the top edge, ≥ 0
 * @param width  &gt; 0
 * @param height &gt; 0
 */
public record MapFootprint(double left, double top, double width, double height) {
    public MapFootprint {
        if (!(width > 0) || !(height > 0) || !(left >= 0) || !(top >= 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("a footprint needs a finite positive size and a non-negative corner, got "
                    + left + "," + top + " " + width + "×" + height);
        }
    }

    /** The whole of a {@code width × height} image. */
    public static MapFootprint whole(int width, int height) {
        return new MapFootprint(0, 0, width, height);
    }

    /**
     * Where a model's input (and so its maps) lies on a {@code rows × columns} source frame:
     * resize scales the frame proportionally (area and bilinear resampling both map pixel extents
     * linearly, align_corners=False), then the centre crop takes {@code round((dim − size)/2)} (ties
     * to even) resized pixels off the top and left, as {@link ModelInput#centreCrop} does.
     */
    public static MapFootprint ofModelInput(ModelInputSpec spec, int rows, int columns) {
        int[] resized = spec.resize() == null ? new int[] {rows, columns} : ModelInput.resizedSize(spec.resize(), rows, columns);
        int crop = spec.cropSize();
        if (crop == 0 || (crop == resized[0] && crop == resized[1])) {
            return whole(columns, rows);
        }
        double sy = (double) rows / resized[0];
        double sx = (double) columns / resized[1];
        double top = Math.rint((resized[0] - crop) / 2.0);
        double left = Math.rint((resized[1] - crop) / 2.0);
        return new MapFootprint(left * sx, top * sy, crop * sx, crop * sy);
    }

    public boolean containsX(double x) {
        return x >= left && x < left + width;
    }

    public boolean containsY(double y) {
        return y >= top && y < top + height;
    }

    /** An image x as a map-grid x, where the map is {@code gridWidth} wide (0 = the footprint's left edge). */
    public double toGridX(double imageX, int gridWidth) {
        return (imageX - left) * gridWidth / width;
    }

    /** An image y as a map-grid y. */
    public double toGridY(double imageY, int gridHeight) {
        return (imageY - top) * gridHeight / height;
    }
}
