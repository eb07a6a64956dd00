package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.model.FramePixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void writtenFileReadsBackWithSameHeaderAndPixels() throws Exception {
        TestImages.Image img = TestImages.create(7, 5, 2, 1, 16, 12, false, "MONOCHROME2", 1);
        Path f = dir.resolve("a.dcm");
        img.write(f);

        byte[] bytes = Files.readAllBytes(f);
        assertThat(new String(bytes, 128, 4, "US-ASCII")).isEqualTo("DICM");

        DicomFile read = Dicom.reader().open(f);
        assertThat(read.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(read.fileMeta().string(DicomTags.MediaStorageSOPInstanceUID)).isEqualTo(img.dataset().string(DicomTags.SOPInstanceUID));
        for (int tag : new int[] {DicomTags.PatientName, DicomTags.PatientID, DicomTags.SOPInstanceUID, DicomTags.Rows, DicomTags.BitsStored, DicomTags.NumberOfFrames}) {
            assertThat(read.dataset().string(tag)).as(DicomTags.format(tag)).isEqualTo(img.dataset().string(tag));
        }
        assertThat(read.dataset().contains(DicomTags.PixelData)).isFalse();
        assertThat(read.pixelDescription()).isEqualTo(img.frames().get(0).description());
        for (int k = 0; k < 2; k++) {
            assertThat(read.frame(k).copySamples()).isEqualTo(img.frames().get(k).copySamples());
        }
    }

    @Test
    void signedAndColourAndEightBitRoundTrip() throws Exception {
        for (TestImages.Image img : List.of(
                TestImages.create(4, 6, 1, 1, 16, 16, true, "MONOCHROME2", 2),
                TestImages.create(4, 6, 1, 1, 8, 8, false, "MONOCHROME1", 3),
                TestImages.create(4, 6, 1, 3, 8, 8, false, "RGB", 4))) {
            Path f = dir.resolve("b.dcm");
            img.write(f);
            FramePixels got = Dicom.reader().open(f).frame(0);
            assertThat(got.copySamples()).isEqualTo(img.frames().get(0).copySamples());
            assertThat(got.description()).isEqualTo(img.frames().get(0).description());
        }
    }

    @Test
    void rewriterEditsRecursivelyKeepsPixelsAndAddsElements() throws Exception {
        TestImages.Image img = TestImages.create(4, 4, 1, 1, 16, 12, false, "MONOCHROME2", 5);
        DicomDataset withSeq = img.dataset().toBuilder()
                .put(DicomElement.sequence(0x00081110, List.of(DicomDataset.builder().put(DicomTags.PatientName, "PN", "Inner^Name").build())))
                .build();
        Path src = dir.resolve("src.dcm");
        Dicom.writer().write(withSeq, img.frames(), src);
        byte[] before = Files.readAllBytes(src);
        Path out = dir.resolve("out/dst.dcm");

        Dicom.rewriter().rewrite(src, out, (path, e) -> {
            if (e.tag() == DicomTags.PatientName) {
                return path.isEmpty() ? ElementEdit.replace("Anon") : ElementEdit.REMOVE;
            }
            return e.tag() == DicomTags.PatientID ? ElementEdit.EMPTY : ElementEdit.KEEP;
        }, DicomDataset.builder().put(DicomTags.PatientIdentityRemoved, "CS", "YES").build(), "2.25.999");

        assertThat(Files.readAllBytes(src)).isEqualTo(before);
        DicomFile r = Dicom.reader().open(out);
        assertThat(r.dataset().string(DicomTags.PatientName)).isEqualTo("Anon");
        assertThat(r.dataset().string(DicomTags.PatientID)).isNull();
        assertThat(r.dataset().contains(DicomTags.PatientID)).isTrue();
        assertThat(r.dataset().get(0x00081110).orElseThrow().items().get(0).contains(DicomTags.PatientName)).isFalse();
        assertThat(r.dataset().string(DicomTags.PatientIdentityRemoved)).isEqualTo("YES");
        assertThat(r.dataset().string(DicomTags.SOPInstanceUID)).isEqualTo("2.25.999");
        assertThat(r.fileMeta().string(DicomTags.MediaStorageSOPInstanceUID)).isEqualTo("2.25.999");
        assertThat(r.frame(0).copySamples()).isEqualTo(img.frames().get(0).copySamples());
        try (var s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("dst.dcm");
        }
    }
}
