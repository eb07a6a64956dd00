package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.glassbox.core.audit.AuditObjects;
import org.glassbox.core.catalog.Catalog;
import org.glassbox.core.workspace.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseExportsTest {
    @TempDir
    Path root;

    @Test
    void theViewIsWrittenPixelForPixelAndAuditedByContentHashNeverPath() throws Exception {
        Workspace.open(root);
        int[] argb = {0xFF102030, 0xFFFFFFFF, 0x80FF0000, 0xFF000000, 0xFF00FF00, 0xFF0000FF};
        Path out = root.resolve("out/view.png");
        String sha = new CaseExports(root).exportViewPng("1.2.3", argb, 3, 2, out);

        BufferedImage read = ImageIO.read(out.toFile());
        assertThat(read.getWidth()).isEqualTo(3);
        assertThat(read.getHeight()).isEqualTo(2);
        for (int i = 0; i < argb.length; i++) {
            assertThat(read.getRGB(i % 3, i / 3) & 0xFFFFFF).as("pixel %d", i).isEqualTo(argb[i] & 0xFFFFFF);
        }
        try (Catalog catalog = Catalog.open(root.resolve("catalog.sqlite"))) {
            var last = catalog.audit().last().orElseThrow();
            assertThat(last.action()).isEqualTo("EXPORT");
            assertThat(last.objectsJson()).contains(AuditObjects.exportFile(sha)).contains(AuditObjects.sop("1.2.3")).doesNotContain("view.png");
        }
    }

    @Test
    void aBufferOfTheWrongSizeIsRefusedAndNothingIsWritten() throws Exception {
        Path out = root.resolve("view.png");
        assertThatThrownBy(() -> CaseExports.writePng(new int[5], 3, 2, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 6 pixels");
        assertThat(Files.exists(out)).isFalse();
        try (var files = Files.list(root)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
