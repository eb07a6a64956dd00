package org.glassbox.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomReader;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;

/**
 * TEST DOUBLE of the DICOM reader for import-pipeline tests that must not depend on the PixelMed
 * adapter: a "file" is UTF-8 text, first line {@code FAKEDICOM}, then {@code gggg,eeee=value} lines
 * and an optional {@code PIXELS=rows,columns,bitsStored} line. A {@code DICOMDIR} is
 * {@code FAKEDICOMDIR} followed by relative paths. Anything else is "not DICOM".
 */
public final class FakeDicom implements DicomReader {
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String DX_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1";

    /** Writes a fake file with the given elements and a 512×512 12-bit image. */
    public static Path write(Path file, Map<Integer, String> elements) throws IOException {
        return write(file, elements, "512,512,12");
    }

    /** @param pixels "rows,columns,bitsStored", or null for a file without pixel data */
    public static Path write(Path file, Map<Integer, String> elements, String pixels) throws IOException {
        StringBuilder sb = new StringBuilder("FAKEDICOM\n");
        for (Map.Entry<Integer, String> e : elements.entrySet()) {
            sb.append(String.format("%04X,%04X=%s%n", e.getKey() >>> 16, e.getKey() & 0xFFFF, e.getValue()));
        }
        if (pixels != null) {
            sb.append("PIXELS=").append(pixels).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** A de-identified DX instance: SOP/series/study UIDs, pseudonymous patient, subgroup fields. */
    public static Map<Integer, String> instance(String sop, String series, String study) {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(DicomTags.SOPClassUID, DX_FOR_PRESENTATION);
        m.put(DicomTags.SOPInstanceUID, sop);
        m.put(DicomTags.StudyDate, "20200101");
        m.put(DicomTags.Modality, "DX");
        m.put(DicomTags.Manufacturer, "Acme");
        m.put(DicomTags.InstitutionName, "General Hospital");
        m.put(DicomTags.ManufacturerModelName, "X1");
        m.put(DicomTags.PatientID, "GB-" + study);
        m.put(DicomTags.PatientSex, "F");
        m.put(DicomTags.PatientAge, "042Y");
        m.put(DicomTags.PatientIdentityRemoved, "YES");
        m.put(DicomTags.BodyPartExamined, "CHEST");
        m.put(DicomTags.ViewPosition, "PA");
        m.put(DicomTags.StudyInstanceUID, study);
        m.put(DicomTags.SeriesInstanceUID, series);
        m.put(DicomTags.SeriesNumber, "1");
        m.put(DicomTags.InstanceNumber, "1");
        return m;
    }

    @Override
    public DicomFile open(Path file) throws DicomReadException {
        return openHeader(file);
    }

    @Override
    public DicomFile openHeader(Path file) throws DicomReadException {
        List<String> lines = lines(file, "FAKEDICOM");
        DicomDataset.Builder b = DicomDataset.builder();
        PixelDescription pixels = null;
        for (String line : lines.subList(1, lines.size())) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new DicomReadException(file, "bad line: " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("PIXELS")) {
                String[] p = value.split(",");
                int bits = Integer.parseInt(p[2]);
                pixels = new PixelDescription(Integer.parseInt(p[0]), Integer.parseInt(p[1]), 1, 1, bits > 8 ? 16 : 8, bits, bits - 1, false, "MONOCHROME2");
            } else {
                int tag = Integer.parseUnsignedInt(key.replace(",", ""), 16);
                b.put(tag, "LO", value);
            }
        }
        return new Fake(file, b.build(), pixels);
    }

    @Override
    public List<Path> listDicomDir(Path dicomdir) throws DicomReadException {
        List<String> lines = lines(dicomdir, "FAKEDICOMDIR");
        List<Path> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            out.add(dicomdir.getParent().resolve(l));
        }
        return out;
    }

    private static List<String> lines(Path file, String magic) throws DicomReadException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(magic)) {
                throw new DicomReadException(file, "not a DICOM file (no DICM prefix)");
            }
            return lines;
        } catch (IOException e) {
            throw new DicomReadException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private record Fake(Path path, DicomDataset dataset, PixelDescription pixels) implements DicomFile {
        @Override
        public DicomDataset fileMeta() {
            return DicomDataset.empty();
        }

        @Override
        public String transferSyntaxUid() {
            return EXPLICIT_LE;
        }

        @Override
        public boolean hasPixelData() {
            return pixels != null;
        }

        @Override
        public PixelDescription pixelDescription() throws DicomReadException {
            if (pixels == null) {
                throw new DicomReadException(path, "no pixel data");
            }
            return pixels;
        }

        @Override
        public FramePixels frame(int index) throws DicomReadException {
            throw new DicomReadException(path, "the fake reader decodes no pixels");
        }
    }
}
