package org.glassbox.core.model;

import java.util.Objects;

/**
 * The stored pixel values of one frame, after decompression and before any LUT.
 *
 * <p>Samples are colour-by-pixel (R, G, B, R, G, B … for colour), row-major. Each value is the
 * stored value masked to BitsStored and sign-extended when {@link PixelDescription#signed()};
 * values a lossy JPEG 2000 codec decodes outside the BitsStored range are saturated to it.
 * The array is owned by this record and never exposed: use {@link #sample(int)} or
 * {@link #copySamples()}.
 */
public final class FramePixels {
    private final PixelDescription description;
    private final int frameIndex;
    private final int[] samples;

    /** Takes ownership of {@code samples}; the caller must not keep a reference. */
    public FramePixels(PixelDescription description, int frameIndex, int[] samples) {
        this.description = Objects.requireNonNull(description, "description");
        if (frameIndex < 0 || frameIndex >= description.frames()) {
            throw new IllegalArgumentException("frame " + frameIndex + " not in [0, " + description.frames() + ")");
        }
        if (samples.length != description.samplesPerFrame()) {
            throw new IllegalArgumentException("expected " + description.samplesPerFrame() + " samples, got " + samples.length);
        }
        this.frameIndex = frameIndex;
        this.samples = samples;
    }

    public PixelDescription description() {
        return description;
    }

    public int frameIndex() {
        return frameIndex;
    }

    public int rows() {
        return description.rows();
    }

    public int columns() {
        return description.columns();
    }

    /** Number of samples (rows × columns × samplesPerPixel). */
    public int length() {
        return samples.length;
    }

    public int sample(int index) {
        return samples[index];
    }

    /** Grey value at (row, column) for single-sample images. */
    public int at(int row, int column) {
        return samples[row * description.columns() + column];
    }

    public int[] copySamples() {
        return samples.clone();
    }
}
