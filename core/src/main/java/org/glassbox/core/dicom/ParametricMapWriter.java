package org.glassbox.core.dicom;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherFloatAttribute;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.glassbox.core.io.AtomicFiles;

/**
 * Writes a float map derived from one source image as a DICOM Parametric Map (PS3.3 A.75;
 * SOP Class 1.2.840.10008.5.1.4.1.1.30): one frame of 32-bit float Pixel Data (7FE0,0008), a Real
 * World Value Mapping (identity, with the map's range and units), a window covering the map's range
 * so any viewer can show it, and references to the source (Derivation Image, Common Instance
 * Reference). The new instance goes into a new series of the source's study and shares its Frame of
 * Reference. Patient and study attributes are copied from the source — only those modules'
 * attributes, so the map carries no identity the (de-identified) source does not carry. New UIDs
 * are 2.25 UUID-derived UIDs (PS3.5 B.2), the scheme GlassBox uses everywhere.
 *
 * <p>Pixel spacing: the map is assumed to cover the source's whole field of view (as the model's
 * preprocessing does: resize, no crop), so its spacing is the source's Pixel Spacing (or Imager
 * Pixel Spacing) times the ratio of the grids, per axis.
 */
public final class ParametricMapWriter {
    public static final String PARAMETRIC_MAP_STORAGE = "1.2.840.10008.5.1.4.1.1.30";
    /** PS3.3 8.2: coding scheme designators beginning with "99" are local. */
    static final String LOCAL_SCHEME = "99GLASSBOX";
    /** PS3.3 C.8.32.2: derived, primary, flavour STATIC (one map, not dynamic), no derived pixel contrast. */
    private static final String[] IMAGE_TYPE = {"DERIVED", "PRIMARY", "STATIC", "NONE"};

    private final Supplier<String> newUid;
    private final Supplier<LocalDateTime> clock;

    /** Random UUID-derived UIDs, the system clock. */
    public ParametricMapWriter() {
        this(ParametricMapWriter::randomUid, LocalDateTime::now);
    }

    ParametricMapWriter(Supplier<String> newUid, Supplier<LocalDateTime> clock) {
        this.newUid = newUid;
        this.clock = clock;
    }

    /** The UIDs of a written map. */
    public record Written(String sopInstanceUid, String seriesInstanceUid, String frameOfReferenceUid) {
    }

    /**
     * @param source  the source image's data set (e.g. {@code DicomFile.dataset()}); must hold
     *                SOPClassUID, SOPInstanceUID, StudyInstanceUID and SeriesInstanceUID
     * @param rows    map height in pixels
     * @param columns map width in pixels
     * @param values  rows × columns finite floats, row-major
     * @throws IllegalArgumentException for a source without those UIDs, a size mismatch or a NaN/infinite value
     */
    public Written write(DicomDataset source, int rows, int columns, float[] values, MapContent content, Path target) throws IOException {
        if (rows < 1 || columns < 1 || rows > 65535 || columns > 65535 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException("a " + rows + "×" + columns + " map needs " + (long) rows * columns + " values, got "
                    + values.length);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the map holds a non-finite value (" + v + ")");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        String sourceClass = required(source, DicomTags.SOPClassUID);
        String sourceInstance = required(source, DicomTags.SOPInstanceUID);
        String study = required(source, DicomTags.StudyInstanceUID);
        String sourceSeries = required(source, DicomTags.SeriesInstanceUID);
        String sop = newUid.get();
        String series = newUid.get();
        String frameOfReference = source.string(Tag.FRAME_OF_REFERENCE_UID) != null ? source.string(Tag.FRAME_OF_REFERENCE_UID) : newUid.get();
        String dimensionOrganization = newUid.get();
        LocalDateTime now = clock.get();
        String date = now.format(DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT));
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT));

        DicomDataset.Builder b = DicomDataset.builder();
        copyIdentity(source, b);
        // SOP Common
        b.put(DicomTags.SpecificCharacterSet, "CS", source.string(DicomTags.SpecificCharacterSet) == null ? "ISO_IR 192"
                : source.string(DicomTags.SpecificCharacterSet));
        b.put(DicomTags.SOPClassUID, "UI", PARAMETRIC_MAP_STORAGE);
        b.put(DicomTags.SOPInstanceUID, "UI", sop);
        b.put(Tag.INSTANCE_CREATION_DATE, "DA", date);
        b.put(Tag.INSTANCE_CREATION_TIME, "TM", time);
        // General Series + Parametric Map Series (modality of the source: the map is in its space)
        b.put(DicomTags.Modality, "CS", source.string(DicomTags.Modality) == null ? "OT" : source.string(DicomTags.Modality));
        b.put(DicomTags.SeriesInstanceUID, "UI", series);
        b.put(DicomTags.SeriesNumber, "IS", "9001");
        b.put(DicomTags.SeriesDescription, "LO", content.description());
        b.put(Tag.SERIES_DATE, "DA", date);
        b.put(Tag.SERIES_TIME, "TM", time);
        // Frame of Reference
        b.put(Tag.FRAME_OF_REFERENCE_UID, "UI", frameOfReference);
        b.put(Tag.POSITION_REFERENCE_INDICATOR, "LO", orEmpty(source.string(Tag.POSITION_REFERENCE_INDICATOR)));
        // General Equipment + Enhanced General Equipment
        b.put(DicomTags.Manufacturer, "LO", "GlassBox");
        b.put(DicomTags.ManufacturerModelName, "LO", "GlassBox workstation");
        b.put(Tag.DEVICE_SERIAL_NUMBER, "LO", "0");
        b.put(Tag.SOFTWARE_VERSIONS, "LO", content.softwareVersion());
        // Image Pixel + Parametric Map Image
        b.put(DicomTags.ImageType, "CS", IMAGE_TYPE);
        b.put(Tag.CONTENT_QUALIFICATION, "CS", "RESEARCH");
        b.put(DicomTags.SamplesPerPixel, "US", "1");
        b.put(DicomTags.PhotometricInterpretation, "CS", "MONOCHROME2");
        b.put(DicomTags.Rows, "US", Integer.toString(rows));
        b.put(DicomTags.Columns, "US", Integer.toString(columns));
        b.put(DicomTags.BitsAllocated, "US", "32");
        b.put(Tag.CONTENT_LABEL, "CS", content.label());
        b.put(Tag.CONTENT_DESCRIPTION, "LO", content.description());
        b.put(Tag.CONTENT_CREATOR_NAME, "PN", "");
        b.put(DicomTags.PresentationLUTShape, "CS", "IDENTITY");
        b.put(DicomTags.BurnedInAnnotation, "CS", "NO");
        b.put(Tag.RECOGNIZABLE_VISUAL_FEATURES, "CS", "NO");
        b.put(Tag.LOSSY_IMAGE_COMPRESSION, "CS", "00");
        // Multi-frame Functional Groups
        b.put(DicomTags.InstanceNumber, "IS", "1");
        b.put(DicomTags.ContentDate, "DA", date);
        b.put(Tag.CONTENT_TIME, "TM", time);
        b.put(DicomTags.NumberOfFrames, "IS", "1");
        b.put(DicomElement.sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, List.of(
                sharedGroups(source, rows, columns, min, max, content, sourceClass, sourceInstance))));
        b.put(DicomElement.sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, List.of(DicomDataset.builder()
                .put(DicomElement.sequence(Tag.FRAME_CONTENT_SEQUENCE, List.of(DicomDataset.builder()
                        .put(Tag.STACK_ID, "SH", "1")
                        .put(Tag.IN_STACK_POSITION_NUMBER, "UL", "1")
                        .put(Tag.DIMENSION_INDEX_VALUES, "UL", "1").build())))
                .build())));
        // Multi-frame Dimension: one frame, indexed by its position in a one-frame stack (a projection image has no plane position)
        b.put(DicomElement.sequence(Tag.DIMENSION_ORGANIZATION_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.DIMENSION_ORGANIZATION_UID, "UI", dimensionOrganization).build())));
        b.put(DicomElement.sequence(Tag.DIMENSION_INDEX_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.DIMENSION_ORGANIZATION_UID, "UI", dimensionOrganization)
                .put(Tag.DIMENSION_INDEX_POINTER, "AT", hex(Tag.IN_STACK_POSITION_NUMBER))
                .put(Tag.FUNCTIONAL_GROUP_POINTER, "AT", hex(Tag.FRAME_CONTENT_SEQUENCE))
                .put(Tag.DIMENSION_DESCRIPTION_LABEL, "LO", "Frame").build())));
        // Acquisition Context (type 2, empty)
        b.put(DicomElement.sequence(Tag.ACQUISITION_CONTEXT_SEQUENCE, List.of()));
        // Common Instance Reference
        b.put(DicomElement.sequence(Tag.REFERENCED_SERIES_SEQUENCE, List.of(DicomDataset.builder()
                .put(DicomTags.SeriesInstanceUID, "UI", sourceSeries)
                .put(DicomElement.sequence(Tag.REFERENCED_INSTANCE_SEQUENCE, List.of(reference(sourceClass, sourceInstance))))
                .build())));
        DicomDataset dataset = b.build();
        writeFile(dataset, values, target);
        return new Written(sop, series, frameOfReference);
    }

    private static DicomDataset sharedGroups(DicomDataset source, int rows, int columns, float min, float max, MapContent content,
                                             String sourceClass, String sourceInstance) {
        DicomDataset.Builder g = DicomDataset.builder();
        // Pixel Measures
        DicomDataset.Builder measures = DicomDataset.builder();
        double[] spacing = spacing(source, rows, columns);
        if (spacing != null) {
            measures.put(Tag.PIXEL_SPACING, "DS", ds(spacing[0]), ds(spacing[1]));
        }
        g.put(DicomElement.sequence(Tag.PIXEL_MEASURES_SEQUENCE, List.of(measures.build())));
        // Plane Position / Orientation (Patient): the Frame of Reference is patient-relative. A projection
        // radiograph has no 3-D position, so the position is nominal (0, 0, 0); the orientation follows
        // the source's Patient Orientation (0020,0020), so a viewer puts left and foot where the source does.
        String[] orientation = orientation(source);
        g.put(DicomElement.sequence(Tag.PLANE_POSITION_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.IMAGE_POSITION_PATIENT, "DS", ds(positionOf(source, 0)), ds(positionOf(source, 1)), ds(positionOf(source, 2))).build())));
        g.put(DicomElement.sequence(Tag.PLANE_ORIENTATION_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.IMAGE_ORIENTATION_PATIENT, "DS", orientation).build())));
        // Derivation Image
        g.put(DicomElement.sequence(Tag.DERIVATION_IMAGE_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.DERIVATION_DESCRIPTION, "ST", content.methodName() + ": " + content.description())
                .put(DicomElement.sequence(Tag.DERIVATION_CODE_SEQUENCE, List.of(code(content.methodCode(), LOCAL_SCHEME, content.methodName()))))
                .put(DicomElement.sequence(Tag.SOURCE_IMAGE_SEQUENCE, List.of(reference(sourceClass, sourceInstance).toBuilder()
                        .put(DicomElement.sequence(Tag.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, List.of(
                                code("121322", "DCM", "Source image for image processing operation"))))
                        .build())))
                .build())));
        // Frame Anatomy: the source's anatomic region, or the body part it names
        DicomDataset.Builder anatomy = DicomDataset.builder();
        anatomy.put(Tag.FRAME_LATERALITY, "CS", laterality(source));
        List<DicomDataset> region = source.get(Tag.ANATOMIC_REGION_SEQUENCE).map(DicomElement::items).orElse(List.of());
        anatomy.put(DicomElement.sequence(Tag.ANATOMIC_REGION_SEQUENCE, region.isEmpty()
                ? List.of(code("51185008", "SCT", "Chest")) : List.of(region.get(0))));
        g.put(DicomElement.sequence(Tag.FRAME_ANATOMY_SEQUENCE, List.of(anatomy.build())));
        // Identity Pixel Value Transformation
        g.put(DicomElement.sequence(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, List.of(DicomDataset.builder()
                .put(DicomTags.RescaleIntercept, "DS", "0").put(DicomTags.RescaleSlope, "DS", "1").put(DicomTags.RescaleType, "LO", "US")
                .build())));
        // Frame VOI LUT: a window over the map's range, so the map renders without special processing (A.75.1)
        double low = min;
        double high = max > min ? max : min + 1;
        g.put(DicomElement.sequence(Tag.FRAME_VOI_LUT_SEQUENCE, List.of(DicomDataset.builder()
                .put(DicomTags.WindowCenter, "DS", ds((low + high) / 2))
                .put(DicomTags.WindowWidth, "DS", ds(high - low))
                .put(DicomTags.WindowCenterWidthExplanation, "LO", "Full range of the map")
                .put(DicomTags.VOILUTFunction, "CS", "LINEAR_EXACT").build())));
        // Real World Value Mapping: identity, stored value = real-world value
        g.put(DicomElement.sequence(Tag.REAL_WORLD_VALUE_MAPPING_SEQUENCE, List.of(DicomDataset.builder()
                .put(DicomTags.LUTExplanation, "LO", content.methodName())
                .put(Tag.LUT_LABEL, "SH", content.label())
                .put(Tag.DOUBLE_FLOAT_RWV_FIRST_VALUE_MAPPED, "FD", Double.toString(min))
                .put(Tag.DOUBLE_FLOAT_RWV_LAST_VALUE_MAPPED, "FD", Double.toString(max))
                .put(Tag.RWV_INTERCEPT, "FD", "0")
                .put(Tag.RWV_SLOPE, "FD", "1")
                .put(DicomElement.sequence(Tag.MEASUREMENT_UNITS_CODE_SEQUENCE, List.of(
                        code(content.units(), "UCUM", content.units().equals("1") ? "no units" : "arbitrary unit"))))
                .build())));
        // Parametric Map Frame Type
        g.put(DicomElement.sequence(Tag.PARAMETRIC_MAP_FRAME_TYPE_SEQUENCE, List.of(DicomDataset.builder()
                .put(Tag.FRAME_TYPE, "CS", IMAGE_TYPE).build())));
        return g.build();
    }

    /** Patient, General Study and Patient Study attributes of the source — nothing else. */
    private static void copyIdentity(DicomDataset source, DicomDataset.Builder b) {
        for (int tag : Tag.COPIED_FROM_SOURCE) {
            source.get(tag).ifPresent(b::put);
        }
        // type 2 attributes present even when the source lacks them
        for (int tag : new int[] {DicomTags.PatientName, DicomTags.PatientID, DicomTags.PatientBirthDate, DicomTags.PatientSex,
            DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.ReferringPhysicianName, DicomTags.StudyID, DicomTags.AccessionNumber}) {
            if (!source.contains(tag)) {
                b.put(DicomElement.of(tag, vrOf(tag)));
            }
        }
    }

    private static String vrOf(int tag) {
        return switch (tag) {
            case DicomTags.PatientName, DicomTags.ReferringPhysicianName -> "PN";
            case DicomTags.PatientBirthDate, DicomTags.StudyDate -> "DA";
            case DicomTags.StudyTime -> "TM";
            case DicomTags.PatientSex -> "CS";
            case DicomTags.StudyID, DicomTags.AccessionNumber -> "SH";
            default -> "LO";
        };
    }

    /** Row and column spacing in mm, scaled from the source grid to the map grid; null when the source has none. */
    static double[] spacing(DicomDataset source, int rows, int columns) {
        DicomElement e = source.get(Tag.PIXEL_SPACING).or(() -> source.get(Tag.IMAGER_PIXEL_SPACING)).orElse(null);
        if (e == null || e.values().size() != 2) {
            return null;
        }
        try {
            double rowSpacing = Double.parseDouble(e.values().get(0).trim());
            double columnSpacing = Double.parseDouble(e.values().get(1).trim());
            int sourceRows = source.integer(DicomTags.Rows, rows);
            int sourceColumns = source.integer(DicomTags.Columns, columns);
            return new double[] {rowSpacing * sourceRows / rows, columnSpacing * sourceColumns / columns};
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The source's Image Position (Patient) component, or 0 for a projection image without one. */
    private static double positionOf(DicomDataset source, int axis) {
        DicomElement e = source.get(Tag.IMAGE_POSITION_PATIENT).orElse(null);
        if (e == null || e.values().size() != 3) {
            return 0;
        }
        try {
            return Double.parseDouble(e.values().get(axis).trim());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /**
     * Direction cosines of rows and columns: the source's Image Orientation (Patient) if it has one,
     * else from Patient Orientation letters (PS3.3 C.7.6.1.1.1: L = +x, P = +y, H = +z), else the
     * usual frontal chest view (rows towards the patient's left, columns towards the feet).
     */
    static String[] orientation(DicomDataset source) {
        DicomElement iop = source.get(Tag.IMAGE_ORIENTATION_PATIENT).orElse(null);
        if (iop != null && iop.values().size() == 6) {
            return iop.values().stream().map(String::trim).toArray(String[]::new);
        }
        double[] row = {1, 0, 0};
        double[] column = {0, 0, -1};
        DicomElement po = source.get(Tag.PATIENT_ORIENTATION).orElse(null);
        if (po != null && po.values().size() == 2) {
            double[] r = direction(po.values().get(0));
            double[] c = direction(po.values().get(1));
            if (r != null && c != null && Math.abs(r[0] * c[0] + r[1] * c[1] + r[2] * c[2]) < 1e-6) {
                row = r;
                column = c;
            }
        }
        return new String[] {ds(row[0]), ds(row[1]), ds(row[2]), ds(column[0]), ds(column[1]), ds(column[2])};
    }

    private static double[] direction(String letters) {
        double[] d = new double[3];
        String t = letters.trim();
        if (t.isEmpty()) {
            return null;
        }
        for (char ch : t.toCharArray()) {
            switch (ch) {
                case 'L' -> d[0] += 1;
                case 'R' -> d[0] -= 1;
                case 'P' -> d[1] += 1;
                case 'A' -> d[1] -= 1;
                case 'H' -> d[2] += 1;
                case 'F' -> d[2] -= 1;
                default -> {
                    return null;
                }
            }
        }
        double n = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        return n == 0 ? null : new double[] {d[0] / n, d[1] / n, d[2] / n};
    }

    private static String laterality(DicomDataset source) {
        String l = source.string(Tag.IMAGE_LATERALITY);
        if (l == null) {
            l = source.string(Tag.LATERALITY);
        }
        return l != null && List.of("R", "L", "B", "U").contains(l) ? l : "U";
    }

    private static DicomDataset reference(String sopClass, String sopInstance) {
        return DicomDataset.builder().put(Tag.REFERENCED_SOP_CLASS_UID, "UI", sopClass)
                .put(Tag.REFERENCED_SOP_INSTANCE_UID, "UI", sopInstance).build();
    }

    private static DicomDataset code(String value, String scheme, String meaning) {
        return DicomDataset.builder().put(Tag.CODE_VALUE, "SH", value).put(Tag.CODING_SCHEME_DESIGNATOR, "SH", scheme)
                .put(Tag.CODE_MEANING, "LO", meaning).build();
    }

    private static void writeFile(DicomDataset dataset, float[] values, Path target) throws IOException {
        try {
            AttributeList list = AttributeListConverter.toAttributeList(dataset, AttributeListConverter.charsetOf(dataset));
            OtherFloatAttribute pixels = new OtherFloatAttribute(new AttributeTag(0x7FE0, 0x0008));
            pixels.setValues(values.clone());
            list.put(pixels);
            FileMetaInformation.addFileMetaInformation(list, TransferSyntaxes.EXPLICIT_LE, PixelMedWriter.SOURCE_AE);
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

    private static String required(DicomDataset source, int tag) {
        String v = source.string(tag);
        if (v == null) {
            throw new IllegalArgumentException("the source image has no " + DicomTags.format(tag) + "; a map must reference its source");
        }
        return v;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A decimal string of at most 16 characters (DS). */
    static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            s = String.format(Locale.ROOT, "%.6E", v);
        }
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.4E", v);
    }

    private static String hex(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    /** A UUID-derived UID (PS3.5 B.2): "2.25." and the UUID's 128 bits as one unsigned decimal. */
    static String randomUid() {
        UUID u = UUID.randomUUID();
        ByteBuffer bb = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bb.array());
    }

    /** Tags this writer needs that {@link DicomTags} does not hold. */
    static final class Tag {
        static final int INSTANCE_CREATION_DATE = 0x00080012;
        static final int INSTANCE_CREATION_TIME = 0x00080013;
        static final int SERIES_DATE = 0x00080021;
        static final int SERIES_TIME = 0x00080031;
        static final int CONTENT_TIME = 0x00080033;
        static final int CODE_VALUE = 0x00080100;
        static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
        static final int CODE_MEANING = 0x00080104;
        static final int REFERENCED_SERIES_SEQUENCE = 0x00081115;
        static final int REFERENCED_INSTANCE_SEQUENCE = 0x0008114A;
        static final int REFERENCED_SOP_CLASS_UID = 0x00081150;
        static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
        static final int DERIVATION_DESCRIPTION = 0x00082111;
        static final int SOURCE_IMAGE_SEQUENCE = 0x00082112;
        static final int ANATOMIC_REGION_SEQUENCE = 0x00082218;
        static final int FRAME_TYPE = 0x00089007;
        static final int DERIVATION_IMAGE_SEQUENCE = 0x00089124;
        static final int DERIVATION_CODE_SEQUENCE = 0x00089215;
        static final int DEVICE_SERIAL_NUMBER = 0x00181000;
        static final int SOFTWARE_VERSIONS = 0x00181020;
        static final int IMAGER_PIXEL_SPACING = 0x00181164;
        static final int FRAME_OF_REFERENCE_UID = 0x00200052;
        static final int PATIENT_ORIENTATION = 0x00200020;
        static final int IMAGE_POSITION_PATIENT = 0x00200032;
        static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
        static final int PLANE_POSITION_SEQUENCE = 0x00209113;
        static final int PLANE_ORIENTATION_SEQUENCE = 0x00209116;
        static final int LATERALITY = 0x00200060;
        static final int IMAGE_LATERALITY = 0x00200062;
        static final int POSITION_REFERENCE_INDICATOR = 0x00201040;
        static final int DIMENSION_ORGANIZATION_UID = 0x00209164;
        static final int DIMENSION_INDEX_POINTER = 0x00209165;
        static final int FUNCTIONAL_GROUP_POINTER = 0x00209167;
        static final int DIMENSION_INDEX_VALUES = 0x00209157;
        static final int STACK_ID = 0x00209056;
        static final int IN_STACK_POSITION_NUMBER = 0x00209057;
        static final int DIMENSION_DESCRIPTION_LABEL = 0x00209421;
        static final int DIMENSION_ORGANIZATION_SEQUENCE = 0x00209221;
        static final int DIMENSION_INDEX_SEQUENCE = 0x00209222;
        static final int FRAME_ANATOMY_SEQUENCE = 0x00209071;
        static final int FRAME_LATERALITY = 0x00209072;
        static final int FRAME_CONTENT_SEQUENCE = 0x00209111;
        static final int PIXEL_SPACING = 0x00280030;
        static final int LOSSY_IMAGE_COMPRESSION = 0x00282110;
        static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
        static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
        static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
        static final int RECOGNIZABLE_VISUAL_FEATURES = 0x00280302;
        static final int CONTENT_QUALIFICATION = 0x00189004;
        static final int ACQUISITION_CONTEXT_SEQUENCE = 0x00400555;
        static final int MEASUREMENT_UNITS_CODE_SEQUENCE = 0x004008EA;
        static final int PARAMETRIC_MAP_FRAME_TYPE_SEQUENCE = 0x00409092;
        static final int REAL_WORLD_VALUE_MAPPING_SEQUENCE = 0x00409096;
        static final int LUT_LABEL = 0x00409210;
        static final int DOUBLE_FLOAT_RWV_FIRST_VALUE_MAPPED = 0x00409213;
        static final int DOUBLE_FLOAT_RWV_LAST_VALUE_MAPPED = 0x00409214;
        static final int RWV_INTERCEPT = 0x00409224;
        static final int RWV_SLOPE = 0x00409225;
        static final int PURPOSE_OF_REFERENCE_CODE_SEQUENCE = 0x0040A170;
        static final int CONTENT_LABEL = 0x00700080;
        static final int CONTENT_DESCRIPTION = 0x00700081;
        static final int CONTENT_CREATOR_NAME = 0x00700084;
        static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
        static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;

        /** Patient (C.7.1.1), General Study (C.7.2.1), Patient Study (C.7.2.2) and de-identification attributes. */
        static final int[] COPIED_FROM_SOURCE = {
            DicomTags.PatientName, DicomTags.PatientID, DicomTags.PatientBirthDate, DicomTags.PatientSex,
            DicomTags.PatientIdentityRemoved, DicomTags.DeidentificationMethod, DicomTags.DeidentificationMethodCodeSequence,
            DicomTags.StudyInstanceUID, DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.ReferringPhysicianName,
            DicomTags.StudyID, DicomTags.AccessionNumber, DicomTags.StudyDescription, DicomTags.PatientAge,
            0x00101020, // Patient's Size
            0x00101030, // Patient's Weight
        };

        private Tag() {
        }
    }
}
