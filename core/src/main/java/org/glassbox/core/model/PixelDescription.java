package org.glassbox.core.model;

/**
 * How an instance's pixels are laid out after decompression (PS3.3 C.7.6.3 Image Pixel Module).
 *
 * @param rows                      Rows (0028,0010), &ge; 1
 * @param columns                   Columns (0028,0011), &ge; 1
 * @param frames                    NumberOfFrames (0028,0008), 1 when absent
 * @param samplesPerPixel           1 (grey) or 3 (colour)
 * @param bitsAllocated             8, 16 or 32 (1 is refused by the reader)
 * @param bitsStored                &le; bitsAllocated
 * @param highBit                   normally bitsStored - 1
 * @param signed                    PixelRepresentation (0028,0103) = 1
 * @param photometricInterpretation after decompression (a JPEG YBR_FULL_422 stream decodes to RGB)
 */
public record PixelDescription(
        int rows,
        int columns,
        int frames,
        int samplesPerPixel,
        int bitsAllocated,
        int bitsStored,
        int highBit,
        boolean signed,
        String photometricInterpretation) {

    public PixelDescription {
        if (rows < 1 || columns < 1 || frames < 1) {
            throw new IllegalArgumentException("rows, columns and frames must be >= 1: " + rows + "x" + columns + "x" + frames);
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw new IllegalArgumentException("samplesPerPixel must be 1 or 3: " + samplesPerPixel);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("bitsStored " + bitsStored + " not in [1, bitsAllocated " + bitsAllocated + "]");
        }
    }

    /** Samples in one frame: rows × columns × samplesPerPixel. */
    public long samplesPerFrame() {
        return (long) rows * columns * samplesPerPixel;
    }

    public boolean isMonochrome() {
        return photometricInterpretation.startsWith("MONOCHROME");
    }

    public boolean isMonochrome1() {
        return "MONOCHROME1".equals(photometricInterpretation);
    }
}
