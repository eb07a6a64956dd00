package org.glassbox.core.imaging;

/**
 * How {@link Resampling} computes an output pixel from the source. Each filter is separable (rows,
 * then columns) and follows a named reference so results can be checked outside GlassBox:
 * <ul>
 *   <li>{@link #NEAREST}: PyTorch {@code F.interpolate(mode='nearest')}: source index
 *       {@code min(floor(o × in/out), in − 1)} with the scale in float32, as PyTorch computes it.</li>
 *   <li>{@link #BILINEAR}: PyTorch {@code F.interpolate(mode='bilinear', align_corners=False)}, no
 *       antialiasing: half-pixel centres, source {@code (o + 0.5) × in/out − 0.5} clamped at 0.</li>
 *   <li>{@link #BICUBIC}: PyTorch {@code F.interpolate(mode='bicubic', align_corners=False)}: Keys'
 *       cubic convolution with a = −0.75, taps clamped to the border.</li>
 *   <li>{@link #AREA}: exact area averaging (OpenCV {@code INTER_AREA} when shrinking): output pixel
 *       o covers the source interval [o × in/out, (o + 1) × in/out) and is the mean of the source
 *       over it, each source pixel weighted by the fraction it covers. For an integer ratio this is
 *       PyTorch's {@code mode='area'} (adaptive average pooling); for other ratios PyTorch's windows
 *       overlap by whole pixels instead.</li>
 * </ul>
 */
public enum ResizeFilter { NEAREST, BILINEAR, BICUBIC, AREA }
