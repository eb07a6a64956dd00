package org.glassbox.core.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/** Greyscale test images for presentation tests, and dcmtk's dcm2pnm as an independent renderer. */
final class PresentationFixtures {
    static final int COLUMNS = 256;
    static final int RAMP_ROWS = 16;

    private PresentationFixtures() {
    }

    /**
     * A frame of {@link #RAMP_ROWS} rows holding every stored value of the range evenly (a ramp over
     * the whole range of {@code bitsStored}), then one row starting with {@code picks} (the values a
     * test checks by hand), padded with the range's minimum.
     */
    static FramePixels frame(int bitsStored, boolean signed, String photometric, int... picks) {
        int rows = RAMP_ROWS + 1;
        PixelDescription d = new PixelDescription(rows, COLUMNS, 1, 1, 16, bitsStored, bitsStored - 1, signed, photometric);
        long range = 1L << bitsStored;
        long min = signed ? -(range / 2) : 0;
        int[] s = new int[rows * COLUMNS];
        int ramp = RAMP_ROWS * COLUMNS;
        for (int i = 0; i < ramp; i++) {
            s[i] = (int) (min + (range - 1) * i / (ramp - 1));
        }
        for (int i = 0; i < COLUMNS; i++) {
            s[ramp + i] = i < picks.length ? picks[i] : (int) min;
        }
        return new FramePixels(d, 0, s);
    }

    /** Index of pick {@code k} in the frame. */
    static int pick(int k) {
        return RAMP_ROWS * COLUMNS + k;
    }

    /** The Image Pixel Module and identifiers for {@code frame}. */
    static DicomDataset.Builder header(FramePixels frame, String sopInstanceUid) {
        PixelDescription d = frame.description();
        return DicomDataset.builder()
                .put(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 100")
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .put(DicomTags.SOPInstanceUID, "UI", sopInstanceUid)
                .put(DicomTags.StudyInstanceUID, "UI", "2.25.71")
                .put(DicomTags.SeriesInstanceUID, "UI", "2.25.72")
                .put(DicomTags.Modality, "CS", "OT")
                .put(DicomTags.SamplesPerPixel, "US", "1")
                .put(DicomTags.PhotometricInterpretation, "CS", d.photometricInterpretation())
                .put(DicomTags.Rows, "US", String.valueOf(d.rows()))
                .put(DicomTags.Columns, "US", String.valueOf(d.columns()))
                .put(DicomTags.BitsAllocated, "US", String.valueOf(d.bitsAllocated()))
                .put(DicomTags.BitsStored, "US", String.valueOf(d.bitsStored()))
                .put(DicomTags.HighBit, "US", String.valueOf(d.highBit()))
                .put(DicomTags.PixelRepresentation, "US", d.signed() ? "1" : "0");
    }

    /** An item of a Modality or VOI LUT Sequence. */
    static DicomDataset lutItem(String descriptorVr, int entries, int firstMapped, int bits, String dataVr, int[] words,
                                String explanation) {
        List<String> data = new ArrayList<>();
        for (int w : words) {
            data.add(Integer.toString(w));
        }
        DicomDataset.Builder b = DicomDataset.builder()
                .put(DicomTags.LUTDescriptor, descriptorVr, String.valueOf(entries), String.valueOf(firstMapped), String.valueOf(bits))
                .put(new DicomElement(DicomTags.LUTData, dataVr, data, List.of(), 2L * words.length));
        if (explanation != null) {
            b.put(DicomTags.LUTExplanation, "LO", explanation);
        }
        return b.build();
    }

    static Path write(Path dir, String name, DicomDataset header, FramePixels frame) throws IOException {
        Path file = dir.resolve(name + ".dcm");
        Dicom.writer().write(header, List.of(frame), file);
        return file;
    }

    /** True when dcm2pnm is there; fails the test when it is not (see ExternalTool.require). */
    static boolean dcmtkAvailable() {
        ExternalTool.require("dcm2pnm");
        return true;
    }

    /** dcmtk's 8-bit rendering of frame 1 with the given options (e.g. "+Wi", "1"). */
    static byte[] dcm2pnm(Path dicom, String... options) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dicom.getParent(), "dcmtk", ".pgm");
        List<String> cmd = new ArrayList<>(List.of("dcm2pnm", "--write-raw-pnm", "--no-overlays"));
        cmd.addAll(List.of(options));
        cmd.add(dicom.toString());
        cmd.add(out.toString());
        ExternalTool.run(cmd);
        return pgmPixels(Files.readAllBytes(out));
    }

    /** The pixel bytes of a binary 8-bit PGM (P5, maxval 255). */
    static byte[] pgmPixels(byte[] pgm) {
        int pos = 0;
        String[] fields = new String[4];
        for (int f = 0; f < 4; f++) {
            while (Character.isWhitespace(pgm[pos]) || pgm[pos] == '#') {
                if (pgm[pos] == '#') {
                    while (pgm[pos] != '\n') {
                        pos++;
                    }
                }
                pos++;
            }
            int start = pos;
            while (!Character.isWhitespace(pgm[pos])) {
                pos++;
            }
            fields[f] = new String(pgm, start, pos - start, StandardCharsets.US_ASCII);
        }
        pos++; // the single whitespace after maxval
        if (!fields[0].equals("P5") || !fields[3].equals("255")) {
            throw new IllegalArgumentException("not an 8-bit binary PGM: " + String.join(" ", fields));
        }
        int n = Integer.parseInt(fields[1]) * Integer.parseInt(fields[2]);
        byte[] px = new byte[n];
        System.arraycopy(pgm, pos, px, 0, n);
        return px;
    }

    /** Largest absolute difference between two 8-bit images of the same size. */
    static int maxDifference(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("sizes differ: " + a.length + " vs " + b.length);
        }
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        return max;
    }
}
