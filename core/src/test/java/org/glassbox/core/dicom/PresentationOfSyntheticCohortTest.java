package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.glassbox.core.imaging.ImagePresentation;
import org.glassbox.core.imaging.PresentationLutShape;
import org.glassbox.core.imaging.PresentationParameters;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic cohort's DX files (three sites, Hillcrest storing MONOCHROME1 with Presentation LUT
 * Shape INVERSE) rendered through {@link ImagePresentation}: against a window computed by hand from
 * the file's own Window Center/Width strings, and against dcm2pnm for every file.
 */
class PresentationOfSyntheticCohortTest {
    @TempDir
    Path dir;

    @Test
    void everySiteRendersLikeDcmtkAndHillcrestIsInvertedOnce() throws Exception {
        Path out = dir.resolve("cohort");
        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), out, 20, 7, 128);
        List<Path> files;
        try (Stream<Path> s = Files.list(out.resolve("dicom"))) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertThat(files).hasSize(20);
        int hillcrest = 0;
        int monochrome2 = 0;
        for (Path file : files) {
            DicomFile f = Dicom.reader().open(file);
            PresentationParameters p = PresentationParametersReader.read(f);
            FramePixels frame = f.frame(0);
            byte[] ours = ImagePresentation.to8Bit(p, ImagePresentation.DEFAULT_VOI, frame);
            assertThat(p.warnings()).isEmpty();
            assertThat(p.voiChoices()).hasSize(1);
            assertThat(p.voiChoices().get(0).explanation()).isEqualTo("CHEST");

            // By hand, PS3.3 C.11.2.1.2.1 LINEAR from the file's strings, inverted for MONOCHROME1.
            double c = Double.parseDouble(f.dataset().string(DicomTags.WindowCenter));
            double w = Double.parseDouble(f.dataset().string(DicomTags.WindowWidth));
            boolean mono1 = "MONOCHROME1".equals(f.dataset().string(DicomTags.PhotometricInterpretation));
            for (int i = 0; i < frame.length(); i += 97) {
                double x = frame.sample(i); // slope 1, intercept 0
                double y = x <= c - 0.5 - (w - 1) / 2 ? 0 : x > c - 0.5 + (w - 1) / 2 ? 1 : (x - (c - 0.5)) / (w - 1) + 0.5;
                if (mono1) {
                    y = 1 - y;
                }
                assertThat(ours[i] & 0xFF).as("%s pixel %d", file.getFileName(), i).isEqualTo(Math.round((float) y * 255f));
            }

            if (f.dataset().string(DicomTags.InstitutionName).startsWith("Hillcrest")) {
                hillcrest++;
                assertThat(p.monochrome1()).isTrue();
                assertThat(p.shape()).isEqualTo(PresentationLutShape.INVERSE);
            } else {
                monochrome2++;
                assertThat(p.inverted()).isFalse();
            }
            if (PresentationFixtures.dcmtkAvailable()) {
                byte[] theirs = PresentationFixtures.dcm2pnm(file, "+Wi", "1");
                assertThat(PresentationFixtures.maxDifference(ours, theirs)).as("%s vs dcm2pnm +Wi 1", file.getFileName())
                        .isLessThanOrEqualTo(1);
            }
        }
        assertThat(hillcrest).as("Hillcrest (MONOCHROME1) files in the cohort").isPositive();
        assertThat(monochrome2).isPositive();
        assumeTrue(PresentationFixtures.dcmtkAvailable(), "dcm2pnm (Debian dcmtk) not installed: compared by hand only");
    }
}
