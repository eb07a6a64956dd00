package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files GlassBox writes or rewrites say so in their meta information. */
class ImplementationTest {
    @TempDir
    Path dir;

    @Test
    void writtenAndRewrittenFilesNameGlassBoxAsTheirImplementation() throws Exception {
        TestImages.Image img = TestImages.create(8, 8, 1, 1, 16, 12, false, "MONOCHROME2", 3);
        Path written = dir.resolve("w.dcm");
        Dicom.writer().write(img.dataset(), img.frames(), written);
        Path rewritten = dir.resolve("r.dcm");
        Dicom.rewriter().rewrite(written, rewritten, (path, e) -> ElementEdit.KEEP, DicomDataset.empty(), null);
        for (Path p : new Path[] {written, rewritten}) {
            DicomDataset meta = Dicom.reader().openHeader(p).fileMeta();
            assertThat(meta.string(0x00020012)).isEqualTo(Implementation.CLASS_UID).startsWith("2.25.");
            assertThat(meta.string(0x00020013)).isEqualTo("GLASSBOX_0_1");
            // dcmtk parses the meta group by its group length: a stale length would break it.
            ExternalTool.require("dcmdump");
            ExternalTool.run(java.util.List.of("dcmdump", "-q", "+E", p.toString()));
        }
    }
}
