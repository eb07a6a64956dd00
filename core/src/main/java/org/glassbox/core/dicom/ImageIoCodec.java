package org.glassbox.core.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.glassbox.core.model.PixelDescription;

/**
 * Decodes one compressed frame with an ImageIO reader: the JDK's "jpeg" (8-bit baseline and
 * extended, PS3.5 A.4.1), PixelMed's "jpeg-lossless" (A.4.1, processes 14 and 14 SV1) and
 * jai-imageio's "jpeg2000" (A.4.4). Colour comes out colour-by-pixel; lossy JPEG colour is
 * converted from YCbCr to RGB by the codec, as PS3.5 8.2.1 expects.
 */
final class ImageIoCodec {
    /**
     * Widest JPEG 2000 component jai-imageio returns correctly: measured on GDCM-encoded 24- and
     * 32-bit grey, it returned wrong values without an error.
     */
    static final int MAX_J2K_PRECISION = 16;
    /**
     * Widest JPEG 2000 component any decoder here handles: GDCM's OpenJPEG decodes at most 31 bits
     * (on GDCM's own 32-bit codestreams gdcmraw -P returns bytes of the right size but no checked
     * values), so wider codestreams are refused rather than sent to GDCM.
     */
    static final int MAX_GDCM_J2K_PRECISION = 31;

    private ImageIoCodec() {
    }

    /** The decoded image has another size or sample count than the header: not to be retried with another decoder. */
    static final class ShapeMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        ShapeMismatchException(String message) {
            super(message);
        }
    }

    /** ImageIO format name for a codec. */
    static String formatName(TransferSyntaxes.Codec codec) {
        return switch (codec) {
            case JPEG -> "jpeg";
            case JPEG_LOSSLESS -> "jpeg-lossless";
            case JPEG_2000 -> "jpeg2000";
            default -> throw new IllegalArgumentException("not an ImageIO codec: " + codec);
        };
    }

    /**
     * @return samples colour-by-pixel, masked and sign-extended
     * @throws ShapeMismatchException when the decoded image has another shape than the header
     * @throws IOException when no reader exists or the stream cannot be decoded
     */
    static int[] decode(byte[] frame, TransferSyntaxes.Codec codec, PixelDescription d) throws IOException {
        if (codec == TransferSyntaxes.Codec.JPEG_2000) {
            int precision = j2kPrecision(frame);
            if (precision > MAX_J2K_PRECISION) {
                throw new IOException("JPEG 2000 component precision " + precision + " bits; jai-imageio decodes at most " + MAX_J2K_PRECISION);
            }
        }
        ImageReader reader = reader(codec);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(in, true, true);
            Raster raster = reader.read(0).getRaster();
            if (raster.getWidth() != d.columns() || raster.getHeight() != d.rows() || raster.getNumBands() != d.samplesPerPixel()) {
                throw new ShapeMismatchException("codec produced " + raster.getWidth() + "x" + raster.getHeight() + "x" + raster.getNumBands()
                        + ", header says " + d.columns() + "x" + d.rows() + "x" + d.samplesPerPixel());
            }
            int sampleBits = raster.getSampleModel().getSampleSize(0);
            if (sampleBits < d.bitsStored() && d.bitsStored() <= 16) {
                throw new IOException("codec produced " + sampleBits + "-bit samples for BitsStored " + d.bitsStored());
            }
            int[] samples = raster.getPixels(raster.getMinX(), raster.getMinY(), d.columns(), d.rows(), (int[]) null);
            if (decodesToValues(codec, raster, d)) {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = SampleLayout.saturated(samples[i], d.bitsStored(), d.signed());
                }
            } else {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = SampleLayout.storedValue(samples[i] & 0xFFFFFFFFL, d.bitsStored(), d.signed());
                }
            }
            return samples;
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Whether the raster holds decoded values (saturate to BitsStored) rather than bit patterns
     * (mask to BitsStored). JPEG 2000 codestreams carry precision and sign (PS3.5 8.2.4), and
     * jai-imageio returns signed components in a signed buffer, so its samples are values — except
     * when the header says signed and the codestream is unsigned (a known encoder quirk: the signed
     * data were stored as bit patterns), which an unsigned buffer betrays. The JPEG processes know
     * no sign: their samples are bit patterns, and their decoders clamp lossy output themselves.
     */
    static boolean decodesToValues(TransferSyntaxes.Codec codec, Raster raster, PixelDescription d) {
        if (codec != TransferSyntaxes.Codec.JPEG_2000) {
            return false;
        }
        int type = raster.getDataBuffer().getDataType();
        boolean unsignedBuffer = type == java.awt.image.DataBuffer.TYPE_BYTE || type == java.awt.image.DataBuffer.TYPE_USHORT;
        return !(d.signed() && unsignedBuffer);
    }

    /**
     * Largest component precision in the codestream's SIZ segment (ISO/IEC 15444-1 A.5.1: SOC, then
     * SIZ with Ssiz per component, low 7 bits = precision − 1), or 0 when there is no SIZ where
     * expected (the codec will then report the damage itself). A JP2 file wrapper is not looked into.
     */
    static int j2kPrecision(byte[] f) {
        if (f.length < 4 || (f[0] & 0xFF) != 0xFF || (f[1] & 0xFF) != 0x4F || (f[2] & 0xFF) != 0xFF || (f[3] & 0xFF) != 0x51) {
            return 0;
        }
        int siz = 4; // marker segment body starts after FF51
        if (f.length < siz + 38) {
            return 0;
        }
        int components = ((f[siz + 36] & 0xFF) << 8) | (f[siz + 37] & 0xFF);
        int max = 0;
        for (int c = 0; c < components && siz + 38 + 3 * c < f.length; c++) {
            max = Math.max(max, (f[siz + 38 + 3 * c] & 0x7F) + 1);
        }
        return max;
    }

    private static ImageReader reader(TransferSyntaxes.Codec codec) throws IOException {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(formatName(codec));
        ImageReader fallback = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            // Prefer the JDK's JPEG reader over any other plug-in that claims "jpeg".
            if (codec != TransferSyntaxes.Codec.JPEG || r.getClass().getName().startsWith("com.sun.imageio")) {
                return r;
            }
            fallback = r;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new IOException("no ImageIO reader for " + formatName(codec));
    }
}
