package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final DicomReader nativeReader;
    private final MemoryBudget budget;
    private DicomFile gdcmDecoded;

    ScannedDicomFile(Path path, DicomDataset fileMeta, DicomDataset dataset, Part10Scanner.Layout layout, GdcmWorker gdcm,
                     DicomReader nativeReader, MemoryBudget budget) {
        this.budget = budget;
        this.path = path;
        this.fileMeta = fileMeta;
        this.dataset = dataset;
        this.layout = layout;
        this.gdcm = gdcm;
        this.nativeReader = nativeReader;
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
        if (codec == TransferSyntaxes.Codec.JPEG_LS) {
            return viaGdcm(d, index, null);
        }
        try {
            return ImageIoCodec.decode(bytes, codec, d);
        } catch (ImageIoCodec.ShapeMismatchException e) {
            throw new DicomReadException(path, "frame " + index + ": " + e.getMessage() + "; refusing to pad or crop", e);
        } catch (IOException e) {
            return viaGdcm(d, index, e.getMessage());
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

    private synchronized int[] viaGdcm(PixelDescription d, int index, String firstFailure) throws DicomReadException {
        String prefix = "cannot decode " + layout.syntax().uid() + (firstFailure == null ? "" : " (" + firstFailure + ")");
        long frame = MemoryBudget.frameBytes(d);
        budget.check(path, 2 * frame, shape(d) + ": " + MemoryBudget.mb(2 * frame) + " MB decoded frame and its copy");
        if (gdcmDecoded == null) {
            Path raw = null;
            try {
                raw = gdcm.decompress(path);
                gdcmDecoded = nativeReader.open(raw);
            } catch (IOException e) {
                throw new DicomReadException(path, prefix + ": " + e.getMessage(), e);
            } catch (DicomReadException e) {
                throw new DicomReadException(path, prefix + ": GDCM output unreadable: " + e.reason(), e);
            } finally {
                deleteQuietly(raw); // the scanned buffer is memory-mapped and outlives the name
            }
        }
        PixelDescription g = gdcmDecoded.pixelDescription();
        if (g.rows() != d.rows() || g.columns() != d.columns() || g.samplesPerPixel() != d.samplesPerPixel() || g.frames() != d.frames()) {
            throw new DicomReadException(path, prefix + ": GDCM output has a different shape");
        }
        int[] samples = gdcmDecoded.frame(index).copySamples();
        // For JPEG 2000, gdcmconv --raw writes the codestream's own precision as BitsStored (16 for
        // GDCM's lossy encoder on 12-bit data): its samples are decoded values that may exceed our
        // BitsStored and are saturated, as ImageIoCodec does. JPEG and JPEG-LS samples are bit
        // patterns (masked), as is J2K output whose sign GDCM changed.
        boolean values = layout.syntax().codec() == TransferSyntaxes.Codec.JPEG_2000 && g.signed() == d.signed();
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
