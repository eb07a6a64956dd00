package org.glassbox.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.npy.NpyArray;
import org.glassbox.core.npy.NpyIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortGeneratorTest {
    @TempDir
    Path dir;

    private static CohortConfig everythingOften() {
        CohortConfig c = CohortConfig.defaults();
        for (Finding f : Finding.values()) {
            c = c.withPrevalence(f, 0.5);
        }
        return c.withShortcut(ShortcutConfig.strong("Riverside Community Clinic", Finding.CONSOLIDATION));
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadCount() throws Exception {
        CohortConfig config = everythingOften();
        new CohortGenerator(Dicom.writer(), 1).generate(config, dir.resolve("a"), 6, 42, 128);
        new CohortGenerator(Dicom.writer(), 2).generate(config, dir.resolve("b"), 6, 42, 128);
        new CohortGenerator(Dicom.writer(), 2).generate(config, dir.resolve("c"), 6, 43, 128);
        Map<String, String> a = hashes(dir.resolve("a"));
        assertThat(a).hasSizeGreaterThan(6 * 2 + 1);
        assertThat(hashes(dir.resolve("b"))).isEqualTo(a);
        Map<String, String> c = hashes(dir.resolve("c"));
        assertThat(c.get("truth.csv")).isNotEqualTo(a.get("truth.csv"));
    }

    @Test
    void writesTruthDicomAndMasksThatAgree() throws Exception {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(everythingOften(), dir.resolve("c"), 8, 5, 256);
        Path out = dir.resolve("c");
        List<String> lines = Files.readAllLines(out.resolve("truth.csv"));
        assertThat(lines.get(0)).isEqualTo(TruthRow.header());
        assertThat(lines).hasSize(9);
        assertThat(s.studies()).isEqualTo(8);
        for (TruthRow row : s.rows()) {
            DicomFile f = Dicom.reader().open(out.resolve(row.file()));
            assertThat(f.dataset().string(DicomTags.SOPInstanceUID)).isEqualTo(row.sopInstanceUid());
            assertThat(f.dataset().string(DicomTags.PatientSex)).isEqualTo(row.sex());
            assertThat(f.dataset().string(DicomTags.PatientAge)).isEqualTo(String.format("%03dY", row.age()));
            assertThat(f.dataset().string(DicomTags.InstitutionName)).isEqualTo(row.site());
            assertThat(f.dataset().string(DicomTags.PatientIdentityRemoved)).isEqualTo("YES");
            assertThat(f.dataset().contains(DicomTags.PatientBirthDate)).isTrue();
            assertThat(f.dataset().string(DicomTags.PatientBirthDate)).isNull();
            assertThat(f.dataset().elements()).noneMatch(e -> e.isPrivate());
            FramePixels px = f.frame(0);
            assertThat(px.rows()).isEqualTo(256);
            int max = 0;
            for (int i = 0; i < px.length(); i++) {
                max = Math.max(max, px.sample(i));
            }
            assertThat(max).isBetween(1000, 4095);
            NpyArray lungs = NpyIO.read(out.resolve("masks/" + row.sopInstanceUid() + "_lungs.npy"));
            assertThat(lungs.shape()).containsExactly(256, 256);
            for (Finding fd : Finding.values()) {
                Path mask = out.resolve("masks/" + row.sopInstanceUid() + "_" + fd.label() + ".npy");
                assertThat(Files.exists(mask)).as(mask.toString()).isEqualTo(row.findings().contains(fd));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("c");
        }
    }

    @Test
    void refusesANonEmptyFolderAndLeavesItUntouched() throws Exception {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), out, 2, 1, 64))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("busy");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("busy");
        }
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        new CohortGenerator(Dicom.writer(), 1).generate(CohortConfig.defaults(), empty, 2, 1, 64);
        assertThat(empty.resolve("truth.csv")).exists();
    }

    @Test
    void dciodvfyReportsNoErrors() throws Exception {
        org.glassbox.core.testing.ExternalTools.require("/usr/bin/dciodvfy", "dicom3tools");
        // one case per site and every finding: all header variants (MONOCHROME1/2, detector types)
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(everythingOften(), dir.resolve("v"), 9, 11, 128);
        assertThat(s.siteCounts()).hasSize(3);
        for (TruthRow row : s.rows()) {
            Process p = new ProcessBuilder("/usr/bin/dciodvfy", dir.resolve("v").resolve(row.file()).toString())
                    .redirectErrorStream(true).start();
            String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(report).as(row.site() + "\n" + report).doesNotContain("Error");
            assertThat(report).contains("DXImage");
        }
    }

    @Test
    void theDeidentificationGateFindsNothingIdentifying() throws Exception {
        CohortSummary s = new CohortGenerator(Dicom.writer(), 2).generate(everythingOften(), dir.resolve("g"), 9, 12, 64);
        org.glassbox.core.deid.ProfileDeidGate gate = new org.glassbox.core.deid.ProfileDeidGate(Dicom.rewriter(),
                new org.glassbox.core.deid.Pseudonymizer(new org.glassbox.core.crypto.KeyedHash(new byte[32])));
        for (TruthRow row : s.rows()) {
            DicomFile f = Dicom.reader().openHeader(dir.resolve("g").resolve(row.file()));
            org.glassbox.core.deid.DeidCheck check = gate.check(f.dataset());
            assertThat(check.clean()).as(row.file() + ": " + check.summary()).isTrue();
        }
    }

    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
