package org.glassbox.core.dicom;

import org.glassbox.core.io.AtomicFiles;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * Writes Part-10 files (PS3.10 7.1: 128-byte preamble, "DICM", meta information) in Explicit VR
 * Little Endian with PixelMed. Pixel Data is OB for 8-bit samples and OW for 16-bit; 32-bit samples
 * go as OW word pairs, little-endian. Binary elements of the data set (which carry no bytes) are
 * not written.
 */
final class PixelMedWriter implements DicomWriter {
    static final String SOURCE_AE = "GLASSBOX";

    @Override
    public void write(DicomDataset dataset, List<FramePixels> frames, Path target) throws IOException {
        String sopClass = dataset.string(DicomTags.SOPClassUID);
        String sopInstance = dataset.string(DicomTags.SOPInstanceUID);
        if (sopClass == null || sopInstance == null) {
            throw new IllegalArgumentException("data set needs SOPClassUID and SOPInstanceUID");
        }
        try {
            AttributeList list = AttributeListConverter.toAttributeList(dataset, AttributeListConverter.charsetOf(dataset));
            list.removeGroup(0x0002);
            list.remove(new AttributeTag(0x7FE0, 0x0010));
            if (!frames.isEmpty()) {
                list.put(pixelData(dataset, frames));
            }
            FileMetaInformation.addFileMetaInformation(list, TransferSyntaxes.EXPLICIT_LE, SOURCE_AE);
            Implementation.stamp(list);
            AtomicFiles.write(target, temp -> {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                    list.write(out, TransferSyntaxes.EXPLICIT_LE, true, true, false);
                } catch (DicomException e) {
                    throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
                }
            });
        } catch (DicomException e) {
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static Attribute pixelData(DicomDataset dataset, List<FramePixels> frames) throws DicomException {
        PixelDescription d = frames.get(0).description();
        for (FramePixels f : frames) {
            if (!f.description().equals(d)) {
                throw new IllegalArgumentException("frames differ in description: " + f.description() + " vs " + d);
            }
        }
        checkHeader(dataset, DicomTags.Rows, d.rows());
        checkHeader(dataset, DicomTags.Columns, d.columns());
        checkHeader(dataset, DicomTags.BitsAllocated, d.bitsAllocated());
        checkHeader(dataset, DicomTags.SamplesPerPixel, d.samplesPerPixel());
        if (dataset.integer(DicomTags.NumberOfFrames, 1) != frames.size()) {
            throw new IllegalArgumentException("NumberOfFrames " + dataset.integer(DicomTags.NumberOfFrames, 1) + " but " + frames.size() + " frames given");
        }
        int perFrame = (int) d.samplesPerFrame();
        AttributeTag tag = new AttributeTag(0x7FE0, 0x0010);
        if (d.bitsAllocated() == 8) {
            byte[] bytes = new byte[perFrame * frames.size() + ((perFrame * frames.size()) & 1)];
            int o = 0;
            for (FramePixels f : frames) {
                for (int i = 0; i < perFrame; i++) {
                    bytes[o++] = (byte) f.sample(i);
                }
            }
            OtherByteAttribute a = new OtherByteAttribute(tag);
            a.setValues(bytes);
            return a;
        }
        int wordsPerSample = d.bitsAllocated() / 16;
        short[] words = new short[perFrame * frames.size() * wordsPerSample];
        int o = 0;
        for (FramePixels f : frames) {
            for (int i = 0; i < perFrame; i++) {
                int v = f.sample(i);
                words[o++] = (short) v;
                if (wordsPerSample == 2) {
                    words[o++] = (short) (v >>> 16);
                }
            }
        }
        OtherWordAttribute a = new OtherWordAttribute(tag);
        a.setValues(words);
        return a;
    }

    private static void checkHeader(DicomDataset ds, int tag, int expected) {
        int actual = ds.integer(tag, -1);
        if (actual != expected) {
            throw new IllegalArgumentException(DicomTags.format(tag) + " is " + actual + " but the frames have " + expected);
        }
    }
}
