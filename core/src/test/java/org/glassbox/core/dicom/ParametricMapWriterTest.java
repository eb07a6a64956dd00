package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.glassbox.core.synth.CohortSummary;
import org.glassbox.core.testing.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParametricMapWriterTest {
    @TempDir
    Path dir;

    private Path sourceFile;
    private DicomDataset source;

    @BeforeEach
    void generateSource() throws Exception {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), dir.resolve("cohort"), 1, 5, 128);
        sourceFile = dir.resolve("cohort").resolve(s.rows().get(0).file());
        source = Dicom.reader().openHeader(sourceFile).dataset();
    }

    private static float[] map(int rows, int columns) {
        float[] v = new float[rows * columns];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.01) * 3.5f - 0.25f;
        }
        return v;
    }

    private static MapContent content() {
        return new MapContent("GRADCAM", "Grad-CAM for consolidation, layer block5", "gradcam", "Grad-CAM", "1", "0.1.0");
    }

    private ParametricMapWriter writer() {
        AtomicInteger n = new AtomicInteger();
        return new ParametricMapWriter(() -> "2.25.1000" + n.incrementAndGet(), () -> LocalDateTime.of(2026, 1, 2, 3, 4, 5));
    }

    @Test
    void dciodvfyFindsNoErrors() throws Exception {
        Path dciodvfy = ExternalTools.require("/usr/bin/dciodvfy", "dicom3tools");
        Path out = dir.resolve("map.dcm");
        new ParametricMapWriter().write(source, 24, 32, map(24, 32), content(), out);
        Process p = new ProcessBuilder(dciodvfy.toString(), out.toString()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as(report).contains("ParametricMap").doesNotContain("Error");
    }

    @Test
    void theFileKeepsTheFloatsAndReferencesItsSource() throws Exception {
        Path out = dir.resolve("map.dcm");
        float[] values = map(24, 32);
        ParametricMapWriter.Written w = writer().write(source, 24, 32, values, content(), out);
        AttributeList list = new AttributeList();
        list.read(out.toFile());
        assertThat(list.get(new AttributeTag(0x7FE0, 0x0008)).getFloatValues()).containsExactly(values);
        assertThat(Attribute(list, 0x0008, 0x0016)).isEqualTo(ParametricMapWriter.PARAMETRIC_MAP_STORAGE);
        assertThat(Attribute(list, 0x0008, 0x0018)).isEqualTo(w.sopInstanceUid()).isEqualTo("2.25.10001");
        assertThat(Attribute(list, 0x0020, 0x000D)).isEqualTo(source.string(DicomTags.StudyInstanceUID));
        assertThat(Attribute(list, 0x0020, 0x000E)).isEqualTo(w.seriesInstanceUid()).isNotEqualTo(source.string(DicomTags.SeriesInstanceUID));
        assertThat(Attribute(list, 0x0010, 0x0020)).isEqualTo(source.string(DicomTags.PatientID));
        assertThat(Attribute(list, 0x0002, 0x0012)).isEqualTo(Implementation.CLASS_UID);
        String text = list.toString();
        assertThat(text).contains(source.string(DicomTags.SOPInstanceUID)).contains(source.string(DicomTags.SeriesInstanceUID));
        // nothing of the source's acquisition or institution travels with the map
        assertThat(list.get(new AttributeTag(0x0008, 0x0080))).isNull();
        assertThat(list.get(new AttributeTag(0x0018, 0x0060))).isNull();
        // 128 source pixels over 24 rows: spacing × 128/24
        double[] sourceSpacing = ParametricMapWriter.spacing(source, 128, 128);
        double[] mapSpacing = ParametricMapWriter.spacing(source, 24, 32);
        assertThat(mapSpacing[0]).isCloseTo(sourceSpacing[0] * 128 / 24, within(1e-9));
        assertThat(mapSpacing[1]).isCloseTo(sourceSpacing[1] * 128 / 32, within(1e-9));
        // the synthetic source says L\F: rows towards the patient's left (+x), columns towards the feet (−z)
        assertThat(source.get(0x00200020).orElseThrow().values()).containsExactly("L", "F");
        assertThat(java.util.Arrays.stream(ParametricMapWriter.orientation(source)).mapToDouble(Double::parseDouble).toArray())
                .containsExactly(1, 0, 0, 0, 0, -1);
        DicomDataset rightHead = source.toBuilder().put(0x00200020, "CS", "R", "H").build();
        assertThat(java.util.Arrays.stream(ParametricMapWriter.orientation(rightHead)).mapToDouble(Double::parseDouble).toArray())
                .containsExactly(-1, 0, 0, 0, 0, 1);
        SequenceAttribute shared = (SequenceAttribute) list.get(new AttributeTag(0x5200, 0x9229));
        assertThat(shared.toString()).contains(ParametricMapWriter.ds(mapSpacing[0]));
    }

    @Test
    void badMapsAndSourcesAreRefusedAndNothingIsWritten() {
        Path out = dir.resolve("bad.dcm");
        float[] withNaN = map(4, 4);
        withNaN[3] = Float.NaN;
        assertThatThrownBy(() -> writer().write(source, 4, 4, withNaN, content(), out)).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> writer().write(source, 4, 5, map(4, 4), content(), out)).hasMessageContaining("4×5");
        DicomDataset noStudy = source.toBuilder().remove(DicomTags.StudyInstanceUID).build();
        assertThatThrownBy(() -> writer().write(noStudy, 4, 4, map(4, 4), content(), out)).hasMessageContaining("(0020,000D)");
        assertThat(Files.exists(out)).isFalse();
    }

    private static String Attribute(AttributeList list, int group, int element) {
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(list, new AttributeTag(group, element));
    }
}
