package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * A file whose structure {@link Part10Scanner} has checked and whose header PixelMed has parsed.
 * Frames are decoded one at a time from the checked Pixel Data location: native frames are read
 * in place, RLE by {@link RleDecoder}, JPEG family by {@link ImageIoCodec}, and what those cannot
 * decode by the {@link GdcmWorker} child process.
 */
final class ScannedDicomFile implements DicomFile {
    /** Upper bound on samples in one decoded compressed frame, to refuse absurd Rows x Columns. */
    private static final long MAX_SAMPLES_PER_FRAME = 1L << 28;

    private final Path path;
    private final DicomDataset fileMeta;
    private final DicomDataset dataset;
    private final Part10Scanner.Layout layout;
    private final GdcmWorker gdcm;
    private final MemoryBudget budget;
    /** GDCM's decoded pixel bytes, every frame, once fetched (guarded by this). */
    private ByteBuffer gdcmPixels;

    ScannedDicomFile(Path path, DicomDataset fileMeta, DicomDataset dataset, Part10Scanner.Layout layout, GdcmWorker gdcm,
                     MemoryBudget budget) {
        this.budget = budget;
        this.path = path;
        this.fileMeta = fileMeta;
        this.dataset = dataset;
        this.layout = layout;
        this.gdcm = gdcm;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public DicomDataset fileMeta() {
        return fileMeta;
    }

    @Override
    public DicomDataset dataset() {
        return dataset;
    }

    @Override
    public String transferSyntaxUid() {
        return layout.syntax().uid();
    }

    @Override
    public boolean hasPixelData() {
        return layout.pixelData() != null;
    }

    private PixelModule.Module module() throws DicomReadException {
        if (!hasPixelData()) {
            throw new DicomReadException(path, "no Pixel Data (7FE0,0010)");
        }
        try {
            return PixelModule.read(dataset, layout.syntax());
        } catch (IllegalArgumentException e) {
            throw new DicomReadException(path, e.getMessage());
        }
    }

    @Override
    public PixelDescription pixelDescription() throws DicomReadException {
        return ReadGuard.read(path, () -> module().description());
    }

    @Override
    public FramePixels frame(int index) throws DicomReadException {
        return ReadGuard.read(path, () -> decodeFrame(index));
    }

    private FramePixels decodeFrame(int index) throws DicomReadException {
        PixelModule.Module m = module();
        PixelDescription d = m.description();
        if (index < 0 || index >= d.frames()) {
            throw new DicomReadException(path, "frame " + index + " does not exist (the file has " + d.frames() + ")");
        }
        PixelDataLocation loc = layout.pixelData();
        int[] samples = loc.encapsulated() ? encapsulated(loc, d, index) : nativeFrame(loc, m, index);
        return new FramePixels(d, index, samples);
    }

    private int[] nativeFrame(PixelDataLocation loc, PixelModule.Module m, int index) throws DicomReadException {
        PixelDescription d = m.description();
        long frameBytes = NativePixels.frameBytes(d);
        long needed = frameBytes * d.frames();
        if (loc.nativeLength() < needed) {
            throw new DicomReadException(path, "Pixel Data has " + loc.nativeLength() + " bytes, " + needed + " expected for "
                    + d.frames() + " frame(s) of " + d.rows() + "x" + d.columns() + "x" + d.samplesPerPixel() + " at " + d.bitsAllocated() + " bits");
        }
        long frame = MemoryBudget.frameBytes(d);
        long inflated = layout.syntax().deflated() ? layout.data().capacity() : 0; // mapped file bytes are not heap
        long interleaveCopy = m.planar() ? frame : 0;
        budget.check(path, inflated + frame + interleaveCopy, shape(d) + ": "
                + (inflated > 0 ? MemoryBudget.mb(inflated) + " MB inflated + " : "") + MemoryBudget.mb(frame + interleaveCopy) + " MB decoded frame");
        ByteOrder order = layout.syntax().bigEndian() && d.bitsAllocated() > 8 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return NativePixels.decode(layout.data(), loc.valueOffset() + frameBytes * index, order, d, m.planar());
    }

    private int[] encapsulated(PixelDataLocation loc, PixelDescription d, int index) throws DicomReadException {
        if (d.samplesPerFrame() > MAX_SAMPLES_PER_FRAME) {
            throw new DicomReadException(path, "frame of " + d.samplesPerFrame() + " samples is larger than GlassBox decodes");
        }
        TransferSyntaxes.Codec codec = layout.syntax().codec();
        byte[] bytes = frameBytes(loc, d, index);
        if (codec == TransferSyntaxes.Codec.RLE) {
            try {
                return RleDecoder.decode(bytes, d);
            } catch (IllegalArgumentException e) {
                throw new DicomReadException(path, "RLE frame " + index + ": " + e.getMessage());
            }
        }
        // A codestream of another size than the header is a hard error, before any decoder runs:
        // GDCM trusts the header and would pad it to a mostly-zero image that looks valid.
        CodestreamShape.check(path, index, bytes, codec, d);
        int precision = codec == TransferSyntaxes.Codec.JPEG_2000 ? ImageIoCodec.j2kPrecision(bytes) : 0;
        if (precision > ImageIoCodec.MAX_GDCM_J2K_PRECISION) {
            throw new DicomReadException(path, "JPEG 2000 component precision " + precision + " bits: no decoder here handles more than "
                    + ImageIoCodec.MAX_GDCM_J2K_PRECISION + " (jai-imageio " + ImageIoCodec.MAX_J2K_PRECISION + ", GDCM's OpenJPEG "
                    + ImageIoCodec.MAX_GDCM_J2K_PRECISION + ")");
        }
        if (codec == TransferSyntaxes.Codec.JPEG_LS) {
            return viaGdcm(d, index, bytes, null);
        }
        try {
            return ImageIoCodec.decode(bytes, codec, d);
        } catch (ImageIoCodec.ShapeMismatchException e) {
            throw new DicomReadException(path, "frame " + index + ": " + e.getMessage() + "; refusing to pad or crop", e);
        } catch (IOException e) {
            return viaGdcm(d, index, bytes, e.getMessage());
        }
    }

    private static String shape(PixelDescription d) {
        return d.rows() + "x" + d.columns() + (d.samplesPerPixel() > 1 ? "x" + d.samplesPerPixel() : "") + " " + d.bitsAllocated() + "-bit";
    }

    /**
     * The compressed bytes of one frame (PS3.5 A.4: fragments, Basic Offset Table), after checking
     * that they, the codec's raster and the decoded frame (both counted at 4 bytes a sample) fit the
     * memory budget.
     */
    private byte[] frameBytes(PixelDataLocation loc, PixelDescription d, int index) throws DicomReadException {
        List<PixelDataLocation.Fragment> all = loc.fragments();
        if (all.isEmpty()) {
            throw new DicomReadException(path, "encapsulated Pixel Data has no fragments");
        }
        List<PixelDataLocation.Fragment> mine;
        if (d.frames() == 1) {
            mine = all;
        } else if (all.size() == d.frames()) {
            mine = List.of(all.get(index));
        } else if (loc.offsetTable().size() == d.frames()) {
            long first = all.get(0).itemOffset();
            long start = loc.offsetTable().get(index);
            long end = index + 1 < d.frames() ? loc.offsetTable().get(index + 1) : Long.MAX_VALUE;
            mine = all.stream().filter(f -> f.itemOffset() - first >= start && f.itemOffset() - first < end).toList();
        } else {
            mine = byStartMarker(all, index);
        }
        if (mine.isEmpty()) {
            throw new DicomReadException(path, "cannot find the fragments of frame " + index + " (" + all.size() + " fragments for " + d.frames() + " frames)");
        }
        long total = mine.stream().mapToLong(PixelDataLocation.Fragment::length).sum();
        long frame = MemoryBudget.frameBytes(d);
        budget.check(path, total + 2 * frame, shape(d) + ": " + MemoryBudget.mb(total) + " MB compressed + "
                + MemoryBudget.mb(2 * frame) + " MB codec raster and decoded frame");
        byte[] out = new byte[(int) total];
        int o = 0;
        for (PixelDataLocation.Fragment f : mine) {
            layout.data().get((int) f.valueOffset(), out, o, f.length());
            o += f.length();
        }
        return out;
    }

    /** Without an offset table, a frame starts at a fragment beginning with JPEG SOI or a J2K SOC marker. */
    private List<PixelDataLocation.Fragment> byStartMarker(List<PixelDataLocation.Fragment> all, int index) {
        List<List<PixelDataLocation.Fragment>> frames = new ArrayList<>();
        for (PixelDataLocation.Fragment f : all) {
            boolean starts = f.length() >= 2 && (layout.data().get((int) f.valueOffset()) & 0xFF) == 0xFF
                    && ((layout.data().get((int) f.valueOffset() + 1) & 0xFF) == 0xD8 || (layout.data().get((int) f.valueOffset() + 1) & 0xFF) == 0x4F);
            if (starts || frames.isEmpty()) {
                frames.add(new ArrayList<>());
            }
            frames.get(frames.size() - 1).add(f);
        }
        return index < frames.size() ? frames.get(index) : List.of();
    }

    /**
     * Frame {@code index} decoded by GDCM in its worker process. GDCM decodes every frame at once;
     * its output is checked against the size the header announces, memory-mapped (not heap) and
     * kept for the file's other frames.
     *
     * @param compressed this frame's codestream, to learn a JPEG 2000 codestream's sign
     */
    private synchronized int[] viaGdcm(PixelDescription d, int index, byte[] compressed, String firstFailure) throws DicomReadException {
        String prefix = "cannot decode " + layout.syntax().uid() + (firstFailure == null ? "" : " (" + firstFailure + ")");
        long frameInts = MemoryBudget.frameBytes(d);
        budget.check(path, frameInts, shape(d) + ": " + MemoryBudget.mb(frameInts) + " MB decoded frame");
        long frameBytes = NativePixels.frameBytes(d);
        long expected = frameBytes * d.frames();
        if (gdcmPixels == null) {
            if (expected > Integer.MAX_VALUE) {
                throw new DicomReadException(path, prefix + ": " + expected + " decoded bytes exceed the 2 GiB GlassBox maps");
            }
            Path raw = null;
            try {
                raw = gdcm.decompress(path, expected);
                try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
                    gdcmPixels = ch.map(FileChannel.MapMode.READ_ONLY, 0, expected);
                }
            } catch (IOException e) {
                throw new DicomReadException(path, prefix + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(raw); // the mapping outlives the name
            }
        }
        // Read at the full BitsAllocated width, then clip or mask to BitsStored. JPEG 2000 carries
        // sign and precision in its codestream, so its samples are values and are saturated, as
        // ImageIoCodec does (GDCM's lossy encoder overshoots a 12-bit range in its 16-bit output);
        // a signed header over an unsigned codestream holds bit patterns. JPEG and JPEG-LS samples
        // are bit patterns and are masked. GDCM writes colour by pixel.
        PixelDescription fullWidth = new PixelDescription(d.rows(), d.columns(), d.frames(), d.samplesPerPixel(), d.bitsAllocated(),
                d.bitsAllocated(), d.bitsAllocated() - 1, d.signed(), d.photometricInterpretation());
        int[] samples = NativePixels.decode(gdcmPixels, frameBytes * index, ByteOrder.LITTLE_ENDIAN, fullWidth, false);
        boolean values = layout.syntax().codec() == TransferSyntaxes.Codec.JPEG_2000 && !(d.signed() && !CodestreamShape.j2kSigned(compressed));
        for (int i = 0; i < samples.length; i++) {
            samples[i] = values ? SampleLayout.saturated(samples[i], d.bitsStored(), d.signed())
                    : SampleLayout.storedValue(samples[i] & 0xFFFFFFFFL, d.bitsStored(), d.signed());
        }
        return samples;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
