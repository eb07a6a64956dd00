package org.glassbox.core.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/** Generated source images for reader tests, written with our own writer. */
final class TestImages {
    private TestImages() {
    }

    /** An image: its header and frames. */
    record Image(DicomDataset dataset, List<FramePixels> frames) {
        void write(Path target) throws Exception {
            Dicom.writer().write(dataset, frames, target);
        }
    }

    /**
     * A smooth gradient plus noise covering the full range of {@code bitsStored}, so that every bit
     * (including the sign) is exercised and lossy codecs still see image-like content.
     */
    static Image create(int rows, int columns, int frames, int spp, int bitsAllocated, int bitsStored, boolean signed,
                        String photometric, long seed) {
        return create(rows, columns, frames, spp, bitsAllocated, bitsStored, signed, photometric, seed, "1.2.840.10008.5.1.4.1.1.7");
    }

    /** As above with a given SOP Class UID (GDCM refuses to write some class/dimension combinations). */
    static Image create(int rows, int columns, int frames, int spp, int bitsAllocated, int bitsStored, boolean signed,
                        String photometric, long seed, String sopClassUid) {
        PixelDescription d = new PixelDescription(rows, columns, frames, spp, bitsAllocated, bitsStored, bitsStored - 1, signed, photometric);
        SplittableRandom rnd = new SplittableRandom(seed);
        long range = 1L << bitsStored;
        long min = signed ? -(range / 2) : 0;
        List<FramePixels> list = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            int[] s = new int[(int) d.samplesPerFrame()];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    for (int k = 0; k < spp; k++) {
                        double t = ((r + 2.0 * c + 7 * k + 13 * f) % (rows + columns)) / (double) (rows + columns);
                        long v = min + (long) (t * (range - 1)) + rnd.nextInt(5) - 2;
                        v = Math.max(min, Math.min(min + range - 1, v));
                        s[(r * columns + c) * spp + k] = (int) v;
                    }
                }
            }
            list.add(new FramePixels(d, f, s));
        }
        DicomDataset.Builder b = DicomDataset.builder()
                .put(DicomTags.SpecificCharacterSet, "CS", "ISO_IR 100")
                .put(DicomTags.SOPClassUID, "UI", sopClassUid)
                .put(DicomTags.SOPInstanceUID, "UI", "2.25." + (Math.abs(seed) + 1000))
                .put(DicomTags.StudyInstanceUID, "UI", "2.25.11")
                .put(DicomTags.SeriesInstanceUID, "UI", "2.25.12")
                .put(DicomTags.Modality, "CS", "OT")
                .put(DicomTags.PatientName, "PN", "Test^Patient")
                .put(DicomTags.PatientID, "LO", "P1")
                .put(DicomTags.SamplesPerPixel, "US", String.valueOf(spp))
                .put(DicomTags.PhotometricInterpretation, "CS", photometric)
                .put(DicomTags.Rows, "US", String.valueOf(rows))
                .put(DicomTags.Columns, "US", String.valueOf(columns))
                .put(DicomTags.BitsAllocated, "US", String.valueOf(bitsAllocated))
                .put(DicomTags.BitsStored, "US", String.valueOf(bitsStored))
                .put(DicomTags.HighBit, "US", String.valueOf(bitsStored - 1))
                .put(DicomTags.PixelRepresentation, "US", signed ? "1" : "0");
        if (spp == 3) {
            b.put(DicomTags.PlanarConfiguration, "US", "0");
        }
        if (frames > 1) {
            b.put(DicomTags.NumberOfFrames, "IS", String.valueOf(frames));
        }
        return new Image(b.build(), list);
    }
}
