package org.glassbox.app.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truth masks are an optional overlay: a bad mask file is skipped with a reason, the case still opens. */
class CaseImagesTest {
    @TempDir
    static Path root;
    static WorklistRow row;
    static String label;
    static Path maskFile;

    @BeforeAll
    static void seed() throws Exception {
        ReviewWorkspaces.seeded(root, 6, 64, 11);
        row = ReviewWorkspaces.firstWithMask(root);
        Path dicom = new CaseImages(root).fileOf(row.sopInstanceUid());
        label = row.findings().stream().filter(l -> TruthMasks.findGenerated(dicom, row.sopInstanceUid(), l).isPresent()).findFirst().orElseThrow();
        maskFile = TruthMasks.findGenerated(dicom, row.sopInstanceUid(), label).orElseThrow();
    }

    @Test
    void goodMasksAreReadAndBadOnesAreSkippedNamingTheLabelAndReason() throws Exception {
        CaseImage image = new CaseImages(root).open(row.sopInstanceUid());
        byte[] good = Files.readAllBytes(maskFile);
        try {
            CaseImages.GeneratedMasks read = CaseImages.generatedMasks(image, List.of(label, "no-such-label"));
            assertThat(read.masks()).hasSize(1);
            assertThat(read.masks().get(0)).hasSize(64 * 64);
            assertThat(read.problems()).isEmpty();

            Files.write(maskFile, new byte[] {1, 2, 3, 4}); // not a .npy
            CaseImages.GeneratedMasks unreadable = CaseImages.generatedMasks(image, List.of(label));
            assertThat(unreadable.masks()).isEmpty();
            assertThat(unreadable.problems()).singleElement().asString().contains("truth mask for " + label).contains("skipped");

            NpyIO.write(NpyArray.ofFloat32(new float[6], 2, 3), maskFile); // readable, wrong size
            CaseImages.GeneratedMasks wrongSize = CaseImages.generatedMasks(image, List.of(label));
            assertThat(wrongSize.masks()).isEmpty();
            assertThat(wrongSize.problems()).singleElement().asString().contains("[2, 3]").contains("64 x 64");
        } finally {
            Files.write(maskFile, good);
        }
    }
}
