package org.glassbox.core.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassbox.core.synth.CohortConfig;
import org.glassbox.core.synth.CohortGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the seed corpus of {@link DicomReadFuzzTest} into its inputs folder
 * ({@code src/test/resources/org/glassbox/core/dicom/DicomReadFuzzTestInputs/readPath/seed-*}).
 * Run on purpose only:
 * {@code ./mvnw -o test -pl core -Dtest=FuzzSeedsWriter -Dglassbox.writeFuzzSeeds=true -Dglassbox.skipFuzz=true}.
 * Small files (16×16 or smaller, one 64×64 synthetic radiograph) in every transfer syntax the
 * reader handles — our writer, then dcmtk's transcoders — plus hand-built structures (nested
 * sequences, encapsulated icons, no preamble) that the mutations start from.
 */
class FuzzSeedsWriter {
    static final Path INPUTS = Path.of("src/test/resources/org/glassbox/core/dicom/DicomReadFuzzTestInputs/readPath");

    @TempDir
    Path tmp;

    @Test
    void writeSeeds() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("glassbox.writeFuzzSeeds"), "writes the committed seed corpus; -Dglassbox.writeFuzzSeeds=true");
        Files.createDirectories(INPUTS);
        Path mono = INPUTS.resolve("seed-mono16-explicit-le.dcm");
        TestImages.create(16, 16, 1, 1, 16, 12, false, "MONOCHROME2", 1).write(mono);
        TestImages.create(8, 8, 1, 3, 8, 8, false, "RGB", 2).write(INPUTS.resolve("seed-rgb8.dcm"));
        TestImages.create(8, 8, 3, 1, 8, 8, false, "MONOCHROME1", 3).write(INPUTS.resolve("seed-multiframe8.dcm"));
        TestImages.create(8, 8, 1, 1, 16, 16, true, "MONOCHROME2", 4).write(INPUTS.resolve("seed-signed16.dcm"));
        transcode(List.of("dcmconv", "+ti"), mono, "seed-implicit-le.dcm");
        transcode(List.of("dcmconv", "+tb"), mono, "seed-big-endian.dcm");
        transcode(List.of("dcmconv", "+td"), mono, "seed-deflated.dcm");
        transcode(List.of("dcmcrle"), mono, "seed-rle.dcm");
        transcode(List.of("dcmcjpeg", "+e1"), mono, "seed-jpeg-lossless-sv1.dcm");
        transcode(List.of("dcmcjpls"), mono, "seed-jpeg-ls.dcm");
        Path rgb = INPUTS.resolve("seed-rgb8.dcm");
        transcode(List.of("dcmcjpeg", "+eb"), rgb, "seed-jpeg-baseline-rgb.dcm");

        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), tmp.resolve("cohort"), 1, 5, 64);
        try (Stream<Path> s = Files.walk(tmp.resolve("cohort"))) {
            Path dx = s.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
            Files.copy(dx, INPUTS.resolve("seed-synthetic-dx64.dcm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        String le = "1.2.840.10008.1.2.1";
        Files.write(INPUTS.resolve("seed-no-preamble.dcm"), Part10Bytes.dataSet().imageModule().element(DicomTags.PixelData, "OB", new byte[4]).bytes());
        Part10Bytes nested = Part10Bytes.withMeta(le).imageModule();
        for (int i = 0; i < 4; i++) {
            nested.header(0x00081140, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 0xFFFFFFFFL);
        }
        for (int i = 0; i < 4; i++) {
            nested.item(0xFFFEE00D, 0).item(0xFFFEE0DD, 0);
        }
        Files.write(INPUTS.resolve("seed-nested-sequences.dcm"), nested.element(DicomTags.PixelData, "OB", new byte[4]).bytes());
        Files.write(INPUTS.resolve("seed-encapsulated-icon.dcm"), Part10Bytes.withMeta(le).imageModule()
                .header(0x00880200, "SQ", 0xFFFFFFFFL).item(0xFFFEE000, 0xFFFFFFFFL)
                .header(DicomTags.PixelData, "OB", 0xFFFFFFFFL).item(0xFFFEE000, 0).item(0xFFFEE000, 4).raw(new byte[] {1, 2, 3, 4})
                .item(0xFFFEE0DD, 0).item(0xFFFEE00D, 0).item(0xFFFEE0DD, 0)
                .element(DicomTags.PixelData, "OB", new byte[] {5, 6, 7, 8}).bytes());
        byte[] rleFrame = new byte[64 + 4];
        rleFrame[0] = 1;
        rleFrame[4] = 64;
        rleFrame[64] = 3; // literal run of 4 bytes
        byte[] rle = Part10Bytes.withMeta("1.2.840.10008.1.2.5").imageModule().header(DicomTags.PixelData, "OB", 0xFFFFFFFFL)
                .item(0xFFFEE000, 0).item(0xFFFEE000, 68).raw(rleFrame).item(0xFFFEE0DD, 0).bytes();
        Files.write(INPUTS.resolve("seed-rle-handmade.dcm"), rle);
        try (Stream<Path> s = Files.list(INPUTS)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("seed-")).count()).isGreaterThanOrEqualTo(15);
        }
    }

    private static void transcode(List<String> tool, Path in, String outName) throws Exception {
        Path out = INPUTS.resolve(outName);
        List<String> cmd = new java.util.ArrayList<>(tool);
        cmd.add(in.toString());
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + log).isZero();
    }
}
