package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassbox.core.dicom.PresentationFixtures.dcm2pnm;
import static org.glassbox.core.dicom.PresentationFixtures.frame;
import static org.glassbox.core.dicom.PresentationFixtures.header;
import static org.glassbox.core.dicom.PresentationFixtures.lutItem;
import static org.glassbox.core.dicom.PresentationFixtures.maxDifference;
import static org.glassbox.core.dicom.PresentationFixtures.pick;
import static org.glassbox.core.dicom.PresentationFixtures.write;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.PresentationLutShape;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.imaging.VoiLut;
import org.glassbox.core.imaging.VoiLutFunction;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.FramePixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written with {@code Dicom.writer()} carrying each presentation case, read back with
 * {@code Dicom.reader()}, rendered through {@link ImagePresentation}, and checked against values
 * computed by hand (PS3.3 C.11.2.1.2.1 for LINEAR, C.11.2.1.3.1 for SIGMOID, C.11.2.1.1 / C.11.1.1.1
 * for tables) and, over the whole frame, against dcmtk's dcm2pnm within ±1 grey level.
 */
class PresentationEndToEndTest {
    @TempDir
    Path dir;

    private record Rendered(Path file, PresentationParameters parameters, byte[] pixels) {
        int at(int index) {
            return pixels[index] & 0xFF;
        }
    }

    private static Rendered render(Path file, int voiIndex) throws Exception {
        DicomFile f = Dicom.reader().open(file);
        PresentationParameters p = PresentationParametersReader.read(f);
        return new Rendered(file, p, ImagePresentation.to8Bit(p, voiIndex, f.frame(0)));
    }

    private static void assertMatchesDcmtk(Rendered ours, String... options) throws Exception {
        assumeTrue(PresentationFixtures.dcmtkAvailable(), "dcm2pnm (Debian dcmtk) not installed");
        byte[] theirs = dcm2pnm(ours.file(), options);
        assertThat(maxDifference(ours.pixels(), theirs)).as("max |ours - dcm2pnm %s|", String.join(" ", options)).isLessThanOrEqualTo(1);
    }

    // Signed 12-bit CT-like data, RescaleSlope 2, RescaleIntercept -1024 (HU = 2 s - 1024),
    // picks: s = 512 (HU 0), 532 (HU 40), 432 (HU -160), 632 (HU 240), -100 (HU -1224), 450 (HU -124), 212 (HU -600).
    private static final int[] CT_PICKS = {512, 532, 432, 632, -100, 450, 212};

    private Path ctFile(String name, DicomDataset.Builder extra) throws Exception {
        FramePixels f = frame(12, true, "MONOCHROME2", CT_PICKS);
        DicomDataset.Builder b = header(f, "2.25.1001" + name.length())
                .put(DicomTags.RescaleSlope, "DS", "2")
                .put(DicomTags.RescaleIntercept, "DS", "-1024")
                .put(DicomTags.RescaleType, "LO", "HU");
        for (DicomElement e : extra.build().elements()) {
            b.put(e);
        }
        return write(dir, name, b.build(), f);
    }

    @Test
    void rescaleOnSignedDataThenWindow() throws Exception {
        Path file = ctFile("ct", DicomDataset.builder()
                .put(DicomTags.WindowCenter, "DS", "40")
                .put(DicomTags.WindowWidth, "DS", "400"));
        Rendered r = render(file, ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().modality()).isEqualTo(new ModalityTransform.Rescale(2, -1024));
        assertThat(r.parameters().modalityUnits()).isEqualTo("HU");
        assertThat(r.parameters().warnings()).isEmpty();
        // LINEAR c = 40, w = 400: 0 at x <= -160, 255 at x > 239, else ((x - 39.5)/399 + 0.5) * 255
        assertThat(r.at(pick(0))).isEqualTo(102); // HU 0: (-39.5/399 + 0.5) * 255 = 102.26
        assertThat(r.at(pick(1))).isEqualTo(128); // HU 40: (0.5/399 + 0.5) * 255 = 127.82
        assertThat(r.at(pick(2))).isEqualTo(0);   // HU -160: on the lower bound
        assertThat(r.at(pick(3))).isEqualTo(255); // HU 240 > 239
        assertThat(r.at(pick(4))).isEqualTo(0);   // HU -1224
        assertThat(r.at(pick(5))).isEqualTo(23);  // HU -124: (-163.5/399 + 0.5) * 255 = 23.01
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    @Test
    void secondOfTwoExplainedWindows() throws Exception {
        Path file = ctFile("two-windows", DicomDataset.builder()
                .put(DicomTags.WindowCenter, "DS", "40", "-600")
                .put(DicomTags.WindowWidth, "DS", "400", "1500")
                .put(DicomTags.WindowCenterWidthExplanation, "LO", "SOFT TISSUE", "LUNG"));
        Rendered r = render(file, 1);
        assertThat(r.parameters().voiChoices()).extracting(c -> c.explanation()).containsExactly("SOFT TISSUE", "LUNG");
        assertThat(r.parameters().voiChoices().get(1).transform()).isEqualTo(Window.linear(-600, 1500));
        // LINEAR c = -600, w = 1500: 0 at x <= -1350, 255 at x > 149, else ((x + 600.5)/1499 + 0.5) * 255
        assertThat(r.at(pick(0))).isEqualTo(230); // HU 0: (600.5/1499 + 0.5) * 255 = 229.65
        assertThat(r.at(pick(6))).isEqualTo(128); // HU -600: (0.5/1499 + 0.5) * 255 = 127.59
        assertThat(r.at(pick(4))).isEqualTo(21);  // HU -1224: (-623.5/1499 + 0.5) * 255 = 21.43
        assertThat(r.at(pick(3))).isEqualTo(255); // HU 240 > 149
        assertMatchesDcmtk(r, "+Wi", "2");
        // The comparison can fail: dcmtk's rendering of the other window is far from ours.
        assertThat(maxDifference(r.pixels(), dcm2pnm(file, "+Wi", "1"))).isGreaterThan(100);
        // The default is the first window.
        assertThat(render(file, ImagePresentation.DEFAULT_VOI).at(pick(0))).isEqualTo(102);
    }

    @Test
    void sigmoidWindow() throws Exception {
        FramePixels f = frame(12, false, "MONOCHROME2", 2048, 2560, 1536, 0, 4095);
        Path file = write(dir, "sigmoid", header(f, "2.25.1002")
                .put(DicomTags.WindowCenter, "DS", "2048")
                .put(DicomTags.WindowWidth, "DS", "1024")
                .put(DicomTags.VOILUTFunction, "CS", "SIGMOID").build(), f);
        Rendered r = render(file, 0);
        assertThat(r.parameters().voiChoices().get(0).transform()).isEqualTo(new Window(2048, 1024, VoiLutFunction.SIGMOID));
        // y = 255 / (1 + exp(-4 (x - 2048) / 1024))
        assertThat(r.at(pick(0))).isEqualTo(128); // 127.5 rounds up
        assertThat(r.at(pick(1))).isEqualTo(225); // 255 / (1 + e^-2) = 224.60
        assertThat(r.at(pick(2))).isEqualTo(30);  // 255 / (1 + e^2) = 30.40
        assertThat(r.at(pick(3))).isEqualTo(0);   // 255 / (1 + e^8) = 0.09
        assertThat(r.at(pick(4))).isEqualTo(255); // 255 / (1 + e^-7.996) = 254.91
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    @Test
    void voiLutSequenceWith12BitEntries() throws Exception {
        FramePixels f = frame(12, false, "MONOCHROME2", 0, 2024, 4095, 1536, 1024);
        int[] data = new int[2048];
        for (int i = 0; i < data.length; i++) {
            data[i] = 2 * i; // 0 .. 4094, 12 bits
        }
        Path file = write(dir, "voilut12", header(f, "2.25.1003")
                .put(DicomElement.sequence(DicomTags.VOILUTSequence,
                        List.of(lutItem("US", 2048, 1024, 12, "US", data, "TWELVE BIT")))).build(), f);
        Rendered r = render(file, ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().voiChoices()).hasSize(1);
        assertThat(r.parameters().voiChoices().get(0).explanation()).isEqualTo("TWELVE BIT");
        VoiLut lut = (VoiLut) r.parameters().voiChoices().get(0).transform();
        assertThat(lut.table().firstMapped()).isEqualTo(1024);
        assertThat(lut.table().bits()).isEqualTo(12);
        // entry = 2 (x - 1024) clamped to the table, output entry / 4095 * 255
        assertThat(r.at(pick(0))).isEqualTo(0);   // below the first mapped value: first entry 0
        assertThat(r.at(pick(1))).isEqualTo(125); // entry 2000: 124.54
        assertThat(r.at(pick(2))).isEqualTo(255); // above the table: last entry 4094 -> 254.94
        assertThat(r.at(pick(3))).isEqualTo(64);  // entry 1024: 63.77
        assertThat(r.at(pick(4))).isEqualTo(0);   // first mapped value
        assertMatchesDcmtk(r, "+Wl", "1");
    }

    @Test
    void voiLutSequenceSurvivesImplicitVrLittleEndian() throws Exception {
        // Implicit VR: the reader has no VR on the wire and takes the dictionary's (US / XS) for
        // LUT Descriptor and LUT Data; the words must come out the same.
        ExternalTool.require("dcmconv");
        FramePixels f = frame(12, false, "MONOCHROME2", 1536);
        int[] data = new int[2048];
        for (int i = 0; i < data.length; i++) {
            data[i] = 2 * i;
        }
        Path explicit = write(dir, "voilut12-explicit", header(f, "2.25.1008")
                .put(DicomElement.sequence(DicomTags.VOILUTSequence,
                        List.of(lutItem("US", 2048, 1024, 12, "OW", data, null)))).build(), f);
        Path implicit = dir.resolve("voilut12-implicit.dcm");
        ExternalTool.run(List.of("dcmconv", "+ti", explicit.toString(), implicit.toString()));
        Rendered r = render(implicit, 0);
        assertThat(Dicom.reader().open(implicit).transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2");
        assertThat(((VoiLut) r.parameters().voiChoices().get(0).transform()).table().data()).containsExactly(data);
        assertThat(r.at(pick(0))).isEqualTo(64); // entry 1024: 63.77
        assertThat(r.pixels()).containsExactly(render(explicit, 0).pixels());
    }

    @Test
    void voiLutSequenceWith8BitEntriesPackedInOw() throws Exception {
        FramePixels f = frame(12, false, "MONOCHROME2", 100, 150, 0, 4000, 353, 354);
        // 255 entries (odd: a pad byte), first mapped 100, entry i = 255 - i, two per OW word, low byte first
        int n = 255;
        int[] words = new int[(n + 1) / 2];
        for (int i = 0; i < n; i++) {
            words[i / 2] |= (255 - i) << ((i & 1) * 8);
        }
        Path file = write(dir, "voilut8", header(f, "2.25.1004")
                .put(DicomElement.sequence(DicomTags.VOILUTSequence,
                        List.of(lutItem("US", n, 100, 8, "OW", words, "EIGHT BIT PACKED")))).build(), f);
        DicomFile opened = Dicom.reader().open(file);
        assertThat(opened.dataset().get(DicomTags.VOILUTSequence).orElseThrow().items().get(0).get(DicomTags.LUTData).orElseThrow().vr())
                .isEqualTo("OW");
        Rendered r = render(file, 0);
        VoiLut lut = (VoiLut) r.parameters().voiChoices().get(0).transform();
        assertThat(lut.table().entries()).isEqualTo(255);
        assertThat(r.at(pick(0))).isEqualTo(255); // entry 0 = 255
        assertThat(r.at(pick(1))).isEqualTo(205); // entry 50 = 205
        assertThat(r.at(pick(2))).isEqualTo(255); // below: first entry
        assertThat(r.at(pick(3))).isEqualTo(1);   // above: last entry 255 - 254
        assertThat(r.at(pick(4))).isEqualTo(2);   // entry 253 (high byte of word 126)
        assertThat(r.at(pick(5))).isEqualTo(1);   // entry 254 (low byte of the last word; its high byte is the pad)
        assertMatchesDcmtk(r, "+Wl", "1");
    }

    @Test
    void modalityLutSequenceThenWindow() throws Exception {
        FramePixels f = frame(12, false, "MONOCHROME2", 2048, 1000, 3000, 2500);
        int[] data = new int[4096];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * i / 256; // 0 .. 65504: non-linear, 16 bits
        }
        Path file = write(dir, "modality-lut", header(f, "2.25.1005")
                .put(DicomElement.sequence(DicomTags.ModalityLUTSequence, List.of(lutItem("US", 4096, 0, 16, "OW", data, null).toBuilder()
                        .put(DicomTags.ModalityLUTType, "LO", "OD").build())))
                .put(DicomTags.WindowCenter, "DS", "20000")
                .put(DicomTags.WindowWidth, "DS", "30000").build(), f);
        Rendered r = render(file, ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().modality()).isInstanceOf(ModalityTransform.Table.class);
        assertThat(r.parameters().modalityUnits()).isEqualTo("OD");
        // LINEAR c = 20000, w = 30000: 0 at x <= 5000, 255 at x > 34999, else ((x - 19999.5)/29999 + 0.5) * 255
        assertThat(r.at(pick(0))).isEqualTo(97);  // table 16384: 96.77
        assertThat(r.at(pick(1))).isEqualTo(0);   // table 3906
        assertThat(r.at(pick(2))).isEqualTo(255); // table 35156
        assertThat(r.at(pick(3))).isEqualTo(165); // table 24414: 165.02
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    private Path windowFile(String name, String photometric, String shape) throws Exception {
        FramePixels f = frame(12, false, photometric, 0, 4095, 1024);
        DicomDataset.Builder b = header(f, "2.25.1006" + name.length())
                .put(DicomTags.WindowCenter, "DS", "2048")
                .put(DicomTags.WindowWidth, "DS", "4096");
        if (shape != null) {
            b.put(DicomTags.PresentationLUTShape, "CS", shape);
        }
        return write(dir, name, b.build(), f);
    }

    /** c = 2048, w = 4096 inverted: 255 - ((x - 2047.5)/4095 + 0.5) * 255. */
    private static void assertInvertedWindow(Rendered r) {
        assertThat(r.at(pick(0))).isEqualTo(255); // x = 0 -> 0, inverted
        assertThat(r.at(pick(1))).isEqualTo(0);   // x = 4095 -> 1.0, inverted
        assertThat(r.at(pick(2))).isEqualTo(191); // x = 1024 -> 0.250061, inverted 0.749939 * 255 = 191.23
    }

    @Test
    void monochrome1IsInverted() throws Exception {
        Rendered r = render(windowFile("mono1", "MONOCHROME1", null), ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().monochrome1()).isTrue();
        assertInvertedWindow(r);
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    @Test
    void presentationLutShapeInverseIsInverted() throws Exception {
        Rendered r = render(windowFile("inverse", "MONOCHROME2", "INVERSE"), ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().shape()).isEqualTo(PresentationLutShape.INVERSE);
        assertInvertedWindow(r);
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    @Test
    void monochrome1WithInverseIsInvertedOnce() throws Exception {
        Rendered r = render(windowFile("mono1-inverse", "MONOCHROME1", "INVERSE"), ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().inverted()).isTrue();
        assertInvertedWindow(r);
        assertMatchesDcmtk(r, "+Wi", "1");
    }

    @Test
    void voiLutFirstMappedValueIsSignedWhenTheRescaledRangeIs() throws Exception {
        // Signed stored values, identity rescale: VOI LUT input may be negative, so descriptor value 2 is SS
        // (C.11.2.1.1). One file writes it as US 64512 (the same 16 bits as -1024), the other as SS -1024.
        int[] data = new int[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = i; // one 8-bit entry per US word
        }
        for (String vr : List.of("US", "SS")) {
            FramePixels f = frame(12, true, "MONOCHROME2", -1024, -824, 0, -2048);
            Path file = write(dir, "signed-voilut-" + vr, header(f, "2.25.1007." + vr.length())
                    .put(DicomTags.RescaleSlope, "DS", "1")
                    .put(DicomTags.RescaleIntercept, "DS", "0")
                    .put(DicomElement.sequence(DicomTags.VOILUTSequence,
                            List.of(lutItem(vr, 256, vr.equals("US") ? 64512 : -1024, 8, "US", data, null)))).build(), f);
            Rendered r = render(file, ImagePresentation.DEFAULT_VOI);
            assertThat(((VoiLut) r.parameters().voiChoices().get(0).transform()).table().firstMapped()).as(vr).isEqualTo(-1024);
            assertThat(r.at(pick(0))).as(vr).isEqualTo(0);   // first entry
            assertThat(r.at(pick(1))).as(vr).isEqualTo(200); // entry 200
            assertThat(r.at(pick(2))).as(vr).isEqualTo(255); // beyond the table: last entry 255
            assertThat(r.at(pick(3))).as(vr).isEqualTo(0);   // below: first entry
            assertMatchesDcmtk(r, "+Wl", "1");
        }
    }

    @Test
    void withoutVoiTheDefaultIsMinMaxAfterModality() throws Exception {
        Path file = ctFile("minmax", DicomDataset.builder());
        Rendered r = render(file, ImagePresentation.DEFAULT_VOI);
        assertThat(r.parameters().voiChoices()).isEmpty();
        // HU range -5120 .. 3070 mapped linearly: HU 0 -> 5120/8190 * 255 = 159.41
        assertThat(r.at(pick(0))).isEqualTo(159);
        assertThat(r.at(0)).isEqualTo(0);
        assertThat(r.at(PresentationFixtures.RAMP_ROWS * PresentationFixtures.COLUMNS - 1)).isEqualTo(255);
        assertMatchesDcmtk(r, "+Wm");
    }
}
