package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.glassbox.core.imaging.LookupTable;
import org.glassbox.core.imaging.ModalityTransform;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.imaging.VoiLut;
import org.glassbox.core.imaging.VoiLutFunction;
import org.glassbox.core.imaging.Window;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;

/** Header-only cases: what is read, what is left out with a warning, and the LUT Data layouts. */
class PresentationParametersReaderTest {
    private static final PixelDescription UNSIGNED_12 = new PixelDescription(2, 2, 1, 1, 16, 12, 11, false, "MONOCHROME2");
    private static final PixelDescription SIGNED_16 = new PixelDescription(2, 2, 1, 1, 16, 16, 15, true, "MONOCHROME2");

    private static DicomDataset lut(int entries, int first, int bits, String... words) {
        return DicomDataset.builder()
                .put(DicomTags.LUTDescriptor, "US", String.valueOf(entries), String.valueOf(first), String.valueOf(bits))
                .put(new DicomElement(DicomTags.LUTData, "OW", List.of(words), List.of(), 2L * words.length))
                .build();
    }

    @Test
    void absentModuleGivesIdentityAndNoChoices() {
        PresentationParameters p = PresentationParametersReader.read(DicomDataset.empty(), UNSIGNED_12);
        assertThat(p.modality()).isEqualTo(ModalityTransform.IDENTITY);
        assertThat(p.voiChoices()).isEmpty();
        assertThat(p.shape()).isNull();
        assertThat(p.inverted()).isFalse();
        assertThat(p.warnings()).isEmpty();
    }

    @Test
    void invalidWindowsAreLeftOutWithAWarning() {
        DicomDataset ds = DicomDataset.builder()
                .put(DicomTags.WindowCenter, "DS", "40", "abc", "10")
                .put(DicomTags.WindowWidth, "DS", "400", "100", "0.5", "7")
                .put(DicomTags.VOILUTFunction, "CS", "CUBIC")
                .build();
        PresentationParameters p = PresentationParametersReader.read(ds, UNSIGNED_12);
        assertThat(p.voiChoices()).extracting(c -> c.transform()).containsExactly(new Window(40, 400, VoiLutFunction.LINEAR));
        assertThat(p.warnings()).hasSize(4)
                .anySatisfy(w -> assertThat(w).contains("3 values, Window Width 4"))
                .anySatisfy(w -> assertThat(w).contains("unknown VOI LUT Function: CUBIC"))
                .anySatisfy(w -> assertThat(w).contains("window 2").contains("abc"))
                .anySatisfy(w -> assertThat(w).contains("window 3").contains(">= 1"));
    }

    @Test
    void zeroSlopeFallsBackToIdentityWithAWarning() {
        DicomDataset ds = DicomDataset.builder().put(DicomTags.RescaleSlope, "DS", "0").put(DicomTags.RescaleIntercept, "DS", "5").build();
        PresentationParameters p = PresentationParametersReader.read(ds, UNSIGNED_12);
        assertThat(p.modality()).isEqualTo(ModalityTransform.IDENTITY);
        assertThat(p.warnings()).singleElement().asString().contains("slope");
    }

    @Test
    void lutDataLayouts() {
        // 16-bit entries, one per word; descriptor entry count 0 means 65536 (C.11.1.1.1).
        String[] big = new String[65536];
        for (int i = 0; i < big.length; i++) {
            big[i] = String.valueOf(65535 - i);
        }
        LookupTable t = LutReader.read(lut(0, 0, 16, big), false);
        assertThat(t.entries()).isEqualTo(65536);
        assertThat(t.lookup(0)).isEqualTo(65535);
        assertThat(t.lookup(65535)).isEqualTo(0);
        // 8-bit entries packed two per word, low byte first; 3 entries -> 2 words with a pad byte.
        LookupTable packed = LutReader.read(lut(3, 10, 8, String.valueOf(0x2211), String.valueOf(0x0033)), false);
        assertThat(packed.data()).containsExactly(0x11, 0x22, 0x33);
        // 8-bit entries one per word.
        assertThat(LutReader.read(lut(2, 0, 8, "7", "9"), false).data()).containsExactly(7, 9);
    }

    @Test
    void firstMappedValueFollowsTheInputSign() {
        assertThat(LutReader.read(lut(1, 65535, 16, "1"), true).firstMapped()).isEqualTo(-1);
        assertThat(LutReader.read(lut(1, 65535, 16, "1"), false).firstMapped()).isEqualTo(65535);
        DicomDataset ss = DicomDataset.builder()
                .put(DicomTags.LUTDescriptor, "SS", "1", "-1", "16")
                .put(new DicomElement(DicomTags.LUTData, "US", List.of("1"), List.of(), 2)).build();
        assertThat(LutReader.read(ss, false).firstMapped()).isEqualTo(65535);
        assertThat(LutReader.read(ss, true).firstMapped()).isEqualTo(-1);
    }

    @Test
    void malformedLutsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LutReader.read(lut(4, 0, 16, "1", "2"), false))
                .hasMessageContaining("says 4 entries of 16 bits, LUT Data has 2 words");
        assertThatThrownBy(() -> LutReader.read(lut(2, 0, 20, "1", "2"), false)).hasMessageContaining("20 bits");
        assertThatThrownBy(() -> LutReader.read(DicomDataset.builder().put(DicomTags.LUTDescriptor, "US", "2", "0").build(), false))
                .hasMessageContaining("3 values");
        DicomDataset binary = DicomDataset.builder()
                .put(DicomTags.LUTDescriptor, "US", "2", "0", "8")
                .put(new DicomElement(DicomTags.LUTData, "OB", List.of(), List.of(), 2)).build();
        assertThatThrownBy(() -> LutReader.read(binary, false)).hasMessageContaining("no readable 16-bit words");
    }

    @Test
    void aBrokenLutIsLeftOutAndTheOthersKept() {
        DicomDataset ds = DicomDataset.builder()
                .put(DicomElement.sequence(DicomTags.VOILUTSequence, List.of(lut(4, 0, 16, "1"), lut(2, 0, 16, "0", "65535"))))
                .build();
        PresentationParameters p = PresentationParametersReader.read(ds, UNSIGNED_12);
        assertThat(p.voiChoices()).singleElement().satisfies(c -> assertThat(((VoiLut) c.transform()).table().data()).containsExactly(0, 65535));
        assertThat(p.warnings()).singleElement().asString().startsWith("VOI LUT Sequence item 1 ignored");
    }

    @Test
    void voiDescriptorSignFollowsTheModalityOutput() {
        // C.11.2.1.1: rescaled range may be negative -> SS; a Modality LUT's output is unsigned -> US.
        DicomDataset voi = lut(1, 65535, 16, "7");
        DicomDataset rescaledPositive = DicomDataset.builder().put(DicomTags.RescaleSlope, "DS", "1").put(DicomTags.RescaleIntercept, "DS", "32768")
                .put(DicomElement.sequence(DicomTags.VOILUTSequence, List.of(voi))).build();
        assertThat(((VoiLut) PresentationParametersReader.read(rescaledPositive, SIGNED_16).voiChoices().get(0).transform()).table().firstMapped())
                .isEqualTo(65535);
        DicomDataset noRescale = DicomDataset.builder().put(DicomElement.sequence(DicomTags.VOILUTSequence, List.of(voi))).build();
        assertThat(((VoiLut) PresentationParametersReader.read(noRescale, SIGNED_16).voiChoices().get(0).transform()).table().firstMapped())
                .isEqualTo(-1);
        DicomDataset withModalityLut = DicomDataset.builder()
                .put(DicomElement.sequence(DicomTags.ModalityLUTSequence, List.of(lut(2, 65535, 16, "0", "9"))))
                .put(DicomElement.sequence(DicomTags.VOILUTSequence, List.of(voi))).build();
        PresentationParameters p = PresentationParametersReader.read(withModalityLut, SIGNED_16);
        assertThat(((ModalityTransform.Table) p.modality()).lut().firstMapped()).isEqualTo(-1); // follows Pixel Representation
        assertThat(((VoiLut) p.voiChoices().get(0).transform()).table().firstMapped()).isEqualTo(65535);
    }
}
