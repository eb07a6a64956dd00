package org.glassbox.core.synth;

/**
 * The pixel grid an image is rendered on. The phantom lives in millimetres with the origin at the
 * detector centre, x to the image's right (the patient's left in a PA view) and y downwards; pixel
 * (row, column) covers the square centred on ((column + ½ − columns/2)·spacing, (row + ½ − rows/2)·spacing).
 *
 * @param rows      &ge; 16
 * @param columns   &ge; 16
 * @param spacingMm pixel spacing in mm at the detector, &gt; 0
 * @param nativeSpacingMm the detector's own element spacing in mm (larger pixels are binned ones)
 */
public record ImageGeometry(int rows, int columns, double spacingMm, double nativeSpacingMm) {
    public ImageGeometry {
        if (rows < 16 || columns < 16 || rows > 8192 || columns > 8192) {
            throw new IllegalArgumentException("image must be 16..8192 pixels per side: " + rows + "x" + columns);
        }
        if (!(spacingMm > 0) || !(nativeSpacingMm > 0)) {
            throw new IllegalArgumentException("pixel spacing must be > 0");
        }
    }

    /** The site's native matrix. */
    public static ImageGeometry fullSize(DetectorProfile d) {
        return new ImageGeometry(d.rows(), d.columns(), d.pixelSpacingMm(), d.pixelSpacingMm());
    }

    /**
     * A square {@code size}×{@code size} image whose field of view is the detector's larger side in
     * both directions (a fast, small stand-in for the full image; pixels are binned detector elements).
     */
    public static ImageGeometry square(DetectorProfile d, int size) {
        double extent = Math.max(d.heightMm(), d.widthMm());
        return new ImageGeometry(size, size, extent / size, d.pixelSpacingMm());
    }

    public double x(int column) {
        return (column + 0.5 - columns / 2.0) * spacingMm;
    }

    public double y(int row) {
        return (row + 0.5 - rows / 2.0) * spacingMm;
    }

    /** Column whose centre is nearest to x (may lie outside the image). */
    public int column(double x) {
        return (int) Math.floor(x / spacingMm + columns / 2.0);
    }

    /** Row whose centre is nearest to y (may lie outside the image). */
    public int row(double y) {
        return (int) Math.floor(y / spacingMm + rows / 2.0);
    }

    public int pixels() {
        return rows * columns;
    }
}
