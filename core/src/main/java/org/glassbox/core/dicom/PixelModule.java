package org.glassbox.core.dicom;

import org.glassbox.core.model.PixelDescription;

/**
 * Reads and checks the Image Pixel Module (PS3.3 C.7.6.3) of a data set, and states the
 * photometric interpretation after decompression (PS3.5 8.2: lossy JPEG colour and JPEG 2000
 * YBR_ICT/YBR_RCT come out as RGB; everything else keeps its stored interpretation).
 */
final class PixelModule {
    private PixelModule() {
    }

    record Module(PixelDescription description, boolean planar) {
    }

    static Module read(DicomDataset ds, TransferSyntaxes.Syntax syntax) {
        int rows = ds.integer(DicomTags.Rows, 0);
        int columns = ds.integer(DicomTags.Columns, 0);
        int frames = Math.max(1, ds.integer(DicomTags.NumberOfFrames, 1));
        int spp = ds.integer(DicomTags.SamplesPerPixel, 1);
        int bitsAllocated = ds.integer(DicomTags.BitsAllocated, 0);
        int bitsStored = ds.integer(DicomTags.BitsStored, bitsAllocated);
        int highBit = ds.integer(DicomTags.HighBit, bitsStored - 1);
        boolean signed = ds.integer(DicomTags.PixelRepresentation, 0) == 1;
        String photometric = ds.string(DicomTags.PhotometricInterpretation);
        boolean planar = ds.integer(DicomTags.PlanarConfiguration, 0) == 1;
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("invalid Rows/Columns " + rows + "x" + columns);
        }
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new IllegalArgumentException("unsupported Bits Allocated " + bitsAllocated + " (8, 16 or 32 are read)");
        }
        if (spp != 1 && spp != 3) {
            throw new IllegalArgumentException("unsupported Samples per Pixel " + spp);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("Bits Stored " + bitsStored + " not in [1, " + bitsAllocated + "]");
        }
        if (photometric == null) {
            photometric = spp == 1 ? "MONOCHROME2" : "RGB";
        }
        String decoded = decodedPhotometric(photometric, spp, syntax.codec());
        return new Module(new PixelDescription(rows, columns, frames, spp, bitsAllocated, bitsStored, highBit, signed, decoded), planar);
    }

    static String decodedPhotometric(String stored, int spp, TransferSyntaxes.Codec codec) {
        if (spp == 3 && (codec == TransferSyntaxes.Codec.JPEG
                || (codec == TransferSyntaxes.Codec.JPEG_2000 && (stored.equals("YBR_ICT") || stored.equals("YBR_RCT"))))) {
            return "RGB";
        }
        return stored;
    }
}
