package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomDirAndPaletteTest {
    @TempDir
    Path dir;

    @Test
    void listsTheFilesADicomDirMadeByDcmtkReferences() throws Exception {
        ExternalTool.require("dcmmkdir");
        Path media = dir.resolve("media");
        Path sub = media.resolve("IMAGES");
        Files.createDirectories(sub);
        List<Path> written = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path f = sub.resolve("IM" + i);
            TestImages.create(8, 8, 1, 1, 16, 12, false, "MONOCHROME2", 100 + i).write(f);
            written.add(f.toAbsolutePath());
        }
        Path dicomdir = media.resolve("DICOMDIR");
        ExternalTool.run(List.of("dcmmkdir", "+I", "+r", "+id", media.toString(), "+D", dicomdir.toString(), "IMAGES"));

        List<Path> listed = Dicom.reader().listDicomDir(dicomdir);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(written);
        for (Path p : listed) {
            assertThat(Dicom.reader().open(p).frame(0).length()).isEqualTo(64);
        }
    }

    @Test
    void aFileWithoutDirectoryRecordsIsNotADicomDir() throws Exception {
        Path f = dir.resolve("x.dcm");
        TestImages.create(4, 4, 1, 1, 8, 8, false, "MONOCHROME2", 1).write(f);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dicom.reader().listDicomDir(f))
                .isInstanceOf(DicomReadException.class).hasMessageContaining("not a DICOMDIR");
    }

    /** PALETTE COLOR (PS3.3 C.7.6.3.1.5): the stored values are the indices, kept through RLE compression. */
    @Test
    void paletteColourIndicesSurviveRleExactly() throws Exception {
        TestImages.Image base = TestImages.create(16, 16, 1, 1, 8, 8, false, "PALETTE COLOR", 7);
        String[] lut = new String[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = String.valueOf(i * 257);
        }
        DicomDataset ds = base.dataset().toBuilder()
                .put(0x00281101, "US", "256", "0", "16").put(0x00281102, "US", "256", "0", "16").put(0x00281103, "US", "256", "0", "16")
                .put(0x00281201, "US", lut).put(0x00281202, "US", lut).put(0x00281203, "US", lut)
                .build();
        Path src = dir.resolve("pal.dcm");
        Dicom.writer().write(ds, base.frames(), src);
        DicomFile plain = Dicom.reader().open(src);
        assertThat(plain.pixelDescription().photometricInterpretation()).isEqualTo("PALETTE COLOR");
        assertThat(plain.frame(0).copySamples()).isEqualTo(base.frames().get(0).copySamples());
        assertThat(plain.dataset().get(0x00281201).orElseThrow().values()).hasSize(256);

        ExternalTool.require("dcmcrle");
        Path rle = dir.resolve("pal-rle.dcm");
        ExternalTool.run(List.of("dcmcrle", src.toString(), rle.toString()));
        DicomFile compressed = Dicom.reader().open(rle);
        assertThat(compressed.transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2.5");
        assertThat(compressed.pixelDescription().photometricInterpretation()).isEqualTo("PALETTE COLOR");
        assertThat(compressed.frame(0).copySamples()).isEqualTo(base.frames().get(0).copySamples());
    }
}
