package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the element structure of a DICOM file without interpreting values (PS3.10 7.1 file format,
 * PS3.5 7.1 data elements, 7.5 nesting, A.4 encapsulation), checking every declared length against
 * the bytes actually present. It runs before PixelMed sees a file, so that truncated files, huge
 * declared lengths, bad VRs and broken encapsulation end in one clear {@link DicomReadException}
 * instead of PixelMed's silent truncation or an OutOfMemoryError.
 */
final class Part10Scanner {

    /** Explicit VRs with a 2-byte reserved field and a 4-byte length (PS3.5 7.1.2, Table 7.1-1). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV");
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 32;

    /**
     * Bytes a deflated data set may inflate to beyond the end of its declared Pixel Data: room for
     * trailing elements (padding, digital signatures) after the pixels.
     */
    static final long INFLATE_MARGIN = 1 << 20;
    /** Largest Java byte array, the hard ceiling of an inflated data set. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final MemoryBudget budget;

    /** @param budget heap one file may use; caps the inflated size of a deflated data set */
    Part10Scanner(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Result of a scan. {@code data} holds the data set (inflated when deflated); offsets index it. */
    record Layout(boolean preamble, int metaLength, long metaEnd, TransferSyntaxes.Syntax syntax, ByteBuffer source,
                  ByteBuffer data, long datasetStart, PixelDataLocation pixelData) {
    }

    Layout scan(Path file) throws DicomReadException {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new DicomReadException(file, "empty file (0 bytes)");
            }
            if (size > Integer.MAX_VALUE) {
                throw new DicomReadException(file, "file larger than 2 GiB is not supported (" + size + " bytes)");
            }
            buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new DicomReadException(file, "cannot read file: " + e.getMessage(), e);
        }
        return scan(file, buf);
    }

    Layout scan(Path file, ByteBuffer buf) throws DicomReadException {
        buf.order(ByteOrder.LITTLE_ENDIAN);
        long size = buf.limit();
        boolean preamble = size >= 132 && buf.get(128) == 'D' && buf.get(129) == 'I' && buf.get(130) == 'C' && buf.get(131) == 'M';
        long pos = preamble ? 132 : 0;
        if (!preamble && size >= 4 && buf.get(0) == 'D' && buf.get(1) == 'I' && buf.get(2) == 'C' && buf.get(3) == 'M') {
            pos = 4;
        }
        String tsUid = null;
        long metaStart = pos;
        // File meta information: always explicit VR little endian, group 0002 (PS3.10 7.1).
        while (pos + 8 <= size && (buf.getShort((int) pos) & 0xFFFF) == 0x0002) {
            int tag = tagAt(buf, pos, false);
            String vr = vrAt(file, buf, pos);
            long headerLen = LONG_VRS.contains(vr) ? 12 : 8;
            if (pos + headerLen > size) {
                throw new DicomReadException(file, "truncated in the file meta information");
            }
            long len = LONG_VRS.contains(vr) ? buf.getInt((int) pos + 8) & 0xFFFFFFFFL : buf.getShort((int) pos + 6) & 0xFFFF;
            if (len == UNDEFINED || pos + headerLen + len > size) {
                throw new DicomReadException(file, "file meta element " + DicomTags.format(tag) + " declares " + len
                        + " bytes but only " + (size - pos - headerLen) + " remain (truncated?)");
            }
            if (tag == DicomTags.TransferSyntaxUID) {
                tsUid = ascii(buf, pos + headerLen, len);
            }
            pos += headerLen + len;
        }
        boolean hasMeta = pos > metaStart;
        TransferSyntaxes.Syntax syntax;
        if (hasMeta) {
            if (tsUid == null || tsUid.isEmpty()) {
                throw new DicomReadException(file, "file meta information has no Transfer Syntax UID (0002,0010)");
            }
            syntax = TransferSyntaxes.lookup(tsUid);
            if (syntax == null) {
                throw new DicomReadException(file, "unsupported transfer syntax " + tsUid);
            }
        } else {
            syntax = guessSyntax(file, buf, pos);
        }
        long metaEnd = pos;
        ByteBuffer data = buf.duplicate();
        if (syntax.deflated()) {
            data = inflate(file, buf, pos);
            pos = 0;
        }
        data.order(syntax.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        PixelDataLocation pixels = new Walker(file, data, syntax).topLevel(pos);
        return new Layout(preamble, (int) (metaEnd - metaStart), metaEnd, syntax, buf, data, pos, pixels);
    }

    /**
     * The Image Pixel Module values (PS3.3 C.7.6.3) found before Pixel Data in a prefix of an
     * inflated data set; 0 for a value that is absent.
     */
    record DeclaredImage(long pixelDataValueOffset, int rows, int columns, int samplesPerPixel, int frames, int bitsAllocated) {

        /** Samples in one frame, 0 when Rows, Columns or Samples per Pixel is missing. */
        long frameSamples() {
            return (long) rows * columns * Math.max(samplesPerPixel, 0);
        }

        /** Declared bytes of native Pixel Data for all frames (rounded up to whole bytes). */
        long pixelBytes() {
            return (frameSamples() * Math.max(frames, 1) * bitsAllocated + 7) / 8;
        }

        String shape() {
            return rows + "x" + columns + (samplesPerPixel > 1 ? "x" + samplesPerPixel : "") + " " + bitsAllocated + "-bit"
                    + (frames > 1 ? " x " + frames + " frames" : "");
        }

        /**
         * Walks the top level of {@code prefix} (Explicit VR Little Endian, as every deflated data set
         * is) up to Pixel Data; null when the prefix does not reach it yet or cannot be walked (the
         * full walk reports damage once everything is inflated).
         */
        static DeclaredImage probe(Path file, ByteBuffer prefix) {
            Walker walker = new Walker(file, prefix, TransferSyntaxes.lookup(TransferSyntaxes.EXPLICIT_LE));
            int rows = 0;
            int columns = 0;
            int spp = 1;
            int frames = 1;
            int bitsAllocated = 0;
            long pos = 0;
            long end = prefix.limit();
            try {
                while (pos + 8 <= end) {
                    int tag = tagAt(prefix, pos, false);
                    String vr = vrAt(file, prefix, pos);
                    boolean longVr = LONG_VRS.contains(vr);
                    if (longVr && pos + 12 > end) {
                        return null;
                    }
                    long len = longVr ? prefix.getInt((int) pos + 8) & 0xFFFFFFFFL : prefix.getShort((int) pos + 6) & 0xFFFF;
                    long valuePos = pos + (longVr ? 12 : 8);
                    if (tag == DicomTags.PixelData) {
                        return new DeclaredImage(valuePos, rows, columns, spp, frames, bitsAllocated);
                    }
                    if (len == UNDEFINED) {
                        pos = walker.sequence(valuePos, end, 1);
                        continue;
                    }
                    if (valuePos + len > end) {
                        return null;
                    }
                    int us = len >= 2 ? prefix.getShort((int) valuePos) & 0xFFFF : 0;
                    switch (tag) {
                        case DicomTags.Rows -> rows = us;
                        case DicomTags.Columns -> columns = us;
                        case DicomTags.SamplesPerPixel -> spp = us;
                        case DicomTags.BitsAllocated -> bitsAllocated = us;
                        case DicomTags.NumberOfFrames -> frames = parseFrames(ascii(prefix, valuePos, len));
                        default -> {
                        }
                    }
                    pos = valuePos + len;
                }
            } catch (DicomReadException | RuntimeException e) {
                return null;
            }
            return null;
        }

        private static int parseFrames(String value) {
            try {
                return Math.max(1, Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }

    /** No meta information: PS3.5 A.1 default is implicit VR little endian; also accept explicit LE/BE. */
    private static TransferSyntaxes.Syntax guessSyntax(Path file, ByteBuffer buf, long pos) throws DicomReadException {
        long size = buf.limit();
        if (size - pos < 8) {
            throw new DicomReadException(file, "not a DICOM file (too short: " + size + " bytes)");
        }
        int groupLe = buf.getShort((int) pos) & 0xFFFF;
        int groupBe = Short.reverseBytes(buf.getShort((int) pos)) & 0xFFFF;
        boolean vrLooksExplicit = isUpper(buf.get((int) pos + 4)) && isUpper(buf.get((int) pos + 5));
        if (plausibleFirstGroup(groupLe)) {
            return TransferSyntaxes.lookup(vrLooksExplicit ? TransferSyntaxes.EXPLICIT_LE : TransferSyntaxes.IMPLICIT_LE);
        }
        if (plausibleFirstGroup(groupBe) && vrLooksExplicit) {
            return TransferSyntaxes.lookup(TransferSyntaxes.EXPLICIT_BE);
        }
        throw new DicomReadException(file, "not a DICOM file (no DICM prefix and no recognisable data element at offset " + pos + ")");
    }

    private static boolean plausibleFirstGroup(int group) {
        return group == 0x0008 || group == 0x0010 || group == 0x0018 || group == 0x0020 || group == 0x0028 || group == 0x0004;
    }

    /**
     * Inflates a deflated data set (PS3.5 A.5) into one array, never past the memory budget nor
     * past what the data set declares: once the inflated prefix reaches Pixel Data, the Image Pixel
     * Module fixes the expected size (Pixel Data's offset + Rows x Columns x Samples x Frames x
     * BitsAllocated/8 + {@link #INFLATE_MARGIN}), and that size plus the decoded frame
     * ({@code int[]}) must fit the budget — checked before inflating further.
     */
    private ByteBuffer inflate(Path file, ByteBuffer buf, long pos) throws DicomReadException {
        ByteBuffer in = buf.duplicate();
        in.position((int) pos);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(in);
            long cap = Math.min(budget.bytes(), MAX_ARRAY);
            String capReason = "the memory budget of " + MemoryBudget.mb(budget.bytes()) + " MB";
            byte[] out = new byte[(int) Math.min(cap, 1 << 16)];
            int count = 0;
            long nextProbe = 1 << 16;
            boolean declared = false;
            byte[] chunk = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break; // truncated stream: scan what we have, the walker reports the cut
                }
                if (count + (long) n > cap) {
                    throw new DicomReadException(file, "deflated data set inflates beyond " + cap + " bytes (" + capReason + ")");
                }
                if (count + n > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(cap, Math.max((long) out.length * 2, count + (long) n)));
                }
                System.arraycopy(chunk, 0, out, count, n);
                count += n;
                if (!declared && count >= nextProbe) {
                    nextProbe = Math.min(MAX_ARRAY, nextProbe * 2);
                    DeclaredImage image = DeclaredImage.probe(file, ByteBuffer.wrap(out, 0, count).slice().order(ByteOrder.LITTLE_ENDIAN));
                    if (image != null) {
                        declared = true;
                        long expected = image.pixelDataValueOffset() + image.pixelBytes() + INFLATE_MARGIN;
                        if (image.frameSamples() > 0) {
                            long frame = image.frameSamples() * Integer.BYTES;
                            budget.check(file, expected + frame, image.shape() + ": " + MemoryBudget.mb(expected) + " MB inflated + "
                                    + MemoryBudget.mb(frame) + " MB decoded frame");
                            cap = Math.min(cap, expected);
                            capReason = "what its Image Pixel Module declares: Pixel Data of " + image.pixelBytes() + " bytes + "
                                    + INFLATE_MARGIN + " bytes margin";
                            out = Arrays.copyOf(out, (int) Math.max(count, cap)); // one allocation of the declared size
                        }
                    }
                }
            }
            return ByteBuffer.wrap(out, 0, count).slice();
        } catch (DataFormatException e) {
            throw new DicomReadException(file, "corrupt deflated data set: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static int tagAt(ByteBuffer buf, long pos, boolean bigEndian) {
        int g = buf.getShort((int) pos) & 0xFFFF;
        int e = buf.getShort((int) pos + 2) & 0xFFFF;
        return (g << 16) | e;
    }

    private static String vrAt(Path file, ByteBuffer buf, long pos) throws DicomReadException {
        byte a = buf.get((int) pos + 4);
        byte b = buf.get((int) pos + 5);
        if (!isUpper(a) || !isUpper(b)) {
            throw new DicomReadException(file, String.format("bad VR 0x%02X%02X in element %s at offset %d",
                    a & 0xFF, b & 0xFF, DicomTags.format(tagAt(buf, pos, false)), pos));
        }
        return new String(new byte[] {a, b}, StandardCharsets.US_ASCII);
    }

    private static boolean isUpper(byte b) {
        return b >= 'A' && b <= 'Z';
    }

    private static String ascii(ByteBuffer buf, long pos, long len) {
        byte[] bytes = new byte[(int) len];
        buf.get((int) pos, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    /**
     * Recursive walk of one data set encoding (explicit/implicit, byte order set on the buffer).
     * One element loop serves every data set: the top level, defined-length items and
     * undefined-length items (ended by an item delimiter). Every sequence level passes through
     * {@link #checkDepth}, so the recursion is bounded by {@link #MAX_DEPTH} whatever the lengths.
     */
    private static final class Walker {
        private final Path file;
        private final ByteBuffer buf;
        private final TransferSyntaxes.Syntax syntax;
        private PixelDataLocation pixelData;

        Walker(Path file, ByteBuffer buf, TransferSyntaxes.Syntax syntax) {
            this.file = file;
            this.buf = buf;
            this.syntax = syntax;
        }

        /** Walks the top-level data set from {@code pos}; returns the Pixel Data location or null. */
        PixelDataLocation topLevel(long pos) throws DicomReadException {
            elements(pos, buf.limit(), false, 0);
            return pixelData;
        }

        private int tag(long pos) {
            int g = buf.getShort((int) pos) & 0xFFFF;
            int e = buf.getShort((int) pos + 2) & 0xFFFF;
            return (g << 16) | e;
        }

        private long uint32(long pos) {
            return buf.getInt((int) pos) & 0xFFFFFFFFL;
        }

        private DicomReadException truncated(int tag, long pos, long declared, long end) {
            return new DicomReadException(file, "element " + DicomTags.format(tag) + " at offset " + pos + " declares "
                    + declared + " bytes but only " + Math.max(0, end - pos) + " remain (truncated file or bad length)");
        }

        private void checkDepth(int depth) throws DicomReadException {
            if (depth > MAX_DEPTH) {
                throw new DicomReadException(file, "sequences nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        /**
         * Walks the elements of one data set starting at {@code pos}.
         *
         * @param end       offset the data set must not pass: its end when {@code delimited} is false,
         *                  otherwise the end of the enclosing value (or of the buffer)
         * @param delimited true for an undefined-length item, which ends with an item delimiter
         * @param depth     number of enclosing sequences; 0 is the top level, where the walk stops
         *                  at Pixel Data and records it
         * @return the offset just past the data set (past its item delimiter when delimited)
         */
        private long elements(long pos, long end, boolean delimited, int depth) throws DicomReadException {
            boolean top = depth == 0;
            while (delimited || pos < end) {
                if (pos + 8 > end) {
                    if (top && allZero(pos, end)) {
                        return end; // trailing padding bytes
                    }
                    throw new DicomReadException(file, (delimited ? "truncated inside a sequence item" : "truncated: incomplete element header")
                            + " at offset " + pos);
                }
                int tag = tag(pos);
                if (tag == ITEM_DELIMITER && !top) {
                    // Ends an undefined-length item; tolerated at the end of a defined-length one.
                    return delimited ? pos + 8 : end;
                }
                String vr = null;
                long headerLen = 8;
                long len;
                if (syntax.explicitVr() && (tag >>> 16) != 0xFFFE) {
                    vr = vrAt(file, buf, pos);
                    if (LONG_VRS.contains(vr)) {
                        if (pos + 12 > end) {
                            throw new DicomReadException(file, "truncated: incomplete element header at offset " + pos);
                        }
                        headerLen = 12;
                        len = uint32(pos + 8);
                    } else {
                        len = buf.getShort((int) pos + 6) & 0xFFFF;
                    }
                } else {
                    len = uint32(pos + 4);
                }
                long valuePos = pos + headerLen;
                if (tag == DicomTags.PixelData && (top || len == UNDEFINED)) {
                    // Encapsulated Pixel Data may also sit in an Icon Image Sequence item (PS3.5 A.4).
                    PixelDataLocation location = pixelData(pos, valuePos, len, end);
                    if (top) {
                        pixelData = location;
                        return location.valueEnd();
                    }
                    pos = location.valueEnd();
                } else if (len == UNDEFINED) {
                    // A sequence (SQ, UN or implicit) of items ending with a sequence delimiter.
                    pos = sequence(valuePos, end, depth + 1);
                } else {
                    if (valuePos + len > end) {
                        throw truncated(tag, pos, len, end - headerLen);
                    }
                    if ("SQ".equals(vr)) {
                        sequenceDefined(valuePos, valuePos + len, depth + 1);
                    }
                    pos = valuePos + len;
                }
            }
            return pos;
        }

        private boolean allZero(long from, long to) {
            for (long i = from; i < to; i++) {
                if (buf.get((int) i) != 0) {
                    return false;
                }
            }
            return true;
        }

        /** Items of an undefined-length sequence within [pos, end); returns the offset after its delimiter. */
        private long sequence(long pos, long end, int depth) throws DicomReadException {
            checkDepth(depth);
            while (true) {
                if (pos + 8 > end) {
                    throw new DicomReadException(file, "truncated inside a sequence at offset " + pos);
                }
                int tag = tag(pos);
                if (tag == SEQUENCE_DELIMITER) {
                    return pos + 8;
                }
                if (tag != ITEM) {
                    throw new DicomReadException(file, "expected an item tag in a sequence at offset " + pos + ", found " + DicomTags.format(tag));
                }
                pos = item(pos + 8, uint32(pos + 4), end, depth);
            }
        }

        /** Items of a defined-length sequence occupying exactly [pos, end). */
        private void sequenceDefined(long pos, long end, int depth) throws DicomReadException {
            checkDepth(depth);
            while (pos < end) {
                if (pos + 8 > end) {
                    throw new DicomReadException(file, "truncated sequence item header at offset " + pos);
                }
                int tag = tag(pos);
                if (tag != ITEM) {
                    throw new DicomReadException(file, "expected an item tag in a sequence at offset " + pos + ", found " + DicomTags.format(tag));
                }
                pos = item(pos + 8, uint32(pos + 4), end, depth);
            }
        }

        /** One item's data set starting at {@code pos}, which must end by {@code end}; returns the offset after it. */
        private long item(long pos, long len, long end, int depth) throws DicomReadException {
            if (len == UNDEFINED) {
                return elements(pos, end, true, depth);
            }
            if (pos + len > end) {
                throw new DicomReadException(file, "sequence item at offset " + (pos - 8) + " declares " + len + " bytes but only "
                        + Math.max(0, end - pos) + " remain in its sequence or file (truncated file or bad length)");
            }
            elements(pos, pos + len, false, depth);
            return pos + len;
        }

        private PixelDataLocation pixelData(long elementPos, long valuePos, long len, long end) throws DicomReadException {
            long limit = Math.min(buf.limit(), end);
            if (len != UNDEFINED) {
                if (valuePos + len > limit) {
                    throw new DicomReadException(file, "Pixel Data declares " + len + " bytes but only " + Math.max(0, limit - valuePos)
                            + " remain (truncated file?)");
                }
                return new PixelDataLocation(elementPos, valuePos, valuePos + len, false, List.of(), List.of());
            }
            // Encapsulated (PS3.5 A.4): Basic Offset Table item, fragment items, sequence delimiter.
            long pos = valuePos;
            List<Long> offsets = new ArrayList<>();
            List<PixelDataLocation.Fragment> fragments = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (pos + 8 > limit) {
                    throw new DicomReadException(file, "encapsulated Pixel Data is truncated (no sequence delimiter) at offset " + pos);
                }
                int tag = tag(pos);
                long itemLen = uint32(pos + 4);
                if (tag == SEQUENCE_DELIMITER) {
                    if (first) {
                        throw new DicomReadException(file, "encapsulated Pixel Data has no Basic Offset Table item");
                    }
                    return new PixelDataLocation(elementPos, valuePos, pos + 8, true, offsets, fragments);
                }
                if (tag == ITEM_DELIMITER) {
                    throw new DicomReadException(file, "item delimiter (FFFE,E00D) inside encapsulated Pixel Data at offset " + pos);
                }
                if (tag != ITEM) {
                    throw new DicomReadException(file, "unexpected tag " + DicomTags.format(tag) + " inside encapsulated Pixel Data at offset " + pos);
                }
                if (itemLen == UNDEFINED || pos + 8 + itemLen > limit) {
                    throw new DicomReadException(file, "Pixel Data fragment at offset " + pos + " declares "
                            + (itemLen == UNDEFINED ? "undefined" : String.valueOf(itemLen)) + " bytes but only "
                            + Math.max(0, limit - pos - 8) + " remain");
                }
                if (first) {
                    if (itemLen % 4 != 0) {
                        throw new DicomReadException(file, "Basic Offset Table length " + itemLen + " is not a multiple of 4");
                    }
                    for (long i = 0; i < itemLen; i += 4) {
                        offsets.add(uint32(pos + 8 + i));
                    }
                    first = false;
                } else {
                    fragments.add(new PixelDataLocation.Fragment(pos, pos + 8, (int) itemLen));
                }
                pos += 8 + itemLen;
            }
        }
    }
}
