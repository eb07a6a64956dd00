package org.glassbox.core.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.Dicom;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomFile;
import org.glassbox.core.dicom.DicomTags;
import org.glassbox.core.dicom.ElementEdit;
import org.glassbox.core.model.FramePixels;
import org.glassbox.core.model.PixelDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written with Dicom.writer(), de-identified with Dicom.rewriter(), read back with Dicom.reader(). */
class DeidEndToEndTest {
    private static final byte[] KEY = "end-to-end-workspace-key-0123456".getBytes(StandardCharsets.UTF_8);

    private static Path writeIdentified(Path dir, String name, String sopUid) throws Exception {
        PixelDescription d = new PixelDescription(32, 48, 1, 1, 16, 12, 11, false, "MONOCHROME2");
        int[] s = new int[32 * 48];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 37) % 4096;
        }
        DicomDataset ds = Fixtures.identified("PAT-001", "1.2.3.4.5.100", "1.2.3.4.5.100.1", sopUid, "20230315").toBuilder()
                .remove(0x60003000)
                .put(0x00090010, "LO", "ACME 1.0")
                .put(DicomTags.SOPClassUID, "UI", "1.2.840.10008.5.1.4.1.1.7")
                .put(DicomTags.SamplesPerPixel, "US", "1")
                .put(DicomTags.Rows, "US", "32")
                .put(DicomTags.Columns, "US", "48")
                .put(DicomTags.BitsAllocated, "US", "16")
                .put(DicomTags.BitsStored, "US", "12")
                .put(DicomTags.HighBit, "US", "11")
                .put(DicomTags.PixelRepresentation, "US", "0")
                .put(0x00080064, "CS", "WSD")
                .put(0x00200020, "CS", "")
                .put(0x00200011, "IS", "1")
                .build();
        Path file = dir.resolve(name);
        Dicom.writer().write(ds, List.of(new FramePixels(d, 0, s)), file);
        return file;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void identifiedFileIsRejectedAndItsCopyPasses(@TempDir Path dir) throws Exception {
        Path source = writeIdentified(dir, "in.dcm", "1.2.3.4.5.100.1.1");
        String before = sha256(source);
        DicomFile in = Dicom.reader().open(source);
        ProfileDeidGate gate = new ProfileDeidGate(Dicom.rewriter(), new Pseudonymizer(new KeyedHash(KEY)));
        DeidCheck sourceCheck = gate.check(in.dataset());
        assertThat(DeidDecision.decide(DeidPolicy.REJECT, sourceCheck).outcome()).isEqualTo(DeidOutcome.REJECTED);
        assertThat(sourceCheck.findings()).extracting(DeidFinding::attribute).contains("PatientName", "private attributes");

        DeidentifiedCopy copy = gate.deidentify(source, in.dataset(), dir.resolve("out"));
        assertThat(sha256(source)).isEqualTo(before);
        DicomFile out = Dicom.reader().open(copy.file());
        assertThat(gate.check(out.dataset()).findings()).isEmpty();
        assertThat(out.dataset().string(DicomTags.SOPInstanceUID)).isEqualTo(copy.sopInstanceUid());
        assertThat(out.fileMeta().string(DicomTags.MediaStorageSOPInstanceUID)).isEqualTo(copy.sopInstanceUid());
        assertThat(out.dataset().string(DicomTags.PatientID)).isEqualTo(copy.patientPseudonym());
        assertThat(out.frame(0).copySamples()).containsExactly(in.frame(0).copySamples());
        assertThat(Files.readString(copy.file(), StandardCharsets.ISO_8859_1)).doesNotContain("Doe^Jane", "PAT-001", "St Elsewhere", "ACME 1.0");

        // A second file of the same study gets the same study UID and pseudonym.
        Path source2 = writeIdentified(dir, "in2.dcm", "1.2.3.4.5.100.1.2");
        DeidentifiedCopy copy2 = gate.deidentify(source2, Dicom.reader().open(source2).dataset(), dir.resolve("out"));
        DicomFile out2 = Dicom.reader().open(copy2.file());
        assertThat(out2.dataset().string(DicomTags.StudyInstanceUID)).isEqualTo(out.dataset().string(DicomTags.StudyInstanceUID));
        assertThat(copy2.patientPseudonym()).isEqualTo(copy.patientPseudonym());
        assertThat(copy2.sopInstanceUid()).isNotEqualTo(copy.sopInstanceUid());
    }

    @Test
    void dciodvfyFindsNoNewErrorsInTheCopy(@TempDir Path dir) throws Exception {
        org.glassbox.core.testing.ExternalTools.require("dciodvfy", "dicom3tools");
        Path source = writeIdentified(dir, "in.dcm", "1.2.3.4.5.100.1.1");
        ProfileDeidGate gate = new ProfileDeidGate(Dicom.rewriter(), new Pseudonymizer(new KeyedHash(KEY)));
        DeidentifiedCopy copy = gate.deidentify(source, Dicom.reader().open(source).dataset(), dir.resolve("out"));
        Validation before = dciodvfy(source);
        Validation after = dciodvfy(copy.file());
        // dciodvfy names the IOD it checked against; without that line it validated nothing.
        assertThat(before.iod()).isEqualTo("SCImage");
        assertThat(after.iod()).isEqualTo(before.iod());
        assertThat(before.errors()).as("errors in the source our writer made").isEmpty();
        assertThat(after.newErrorsSince(before)).as("errors in the copy that the source did not have").isEmpty();
    }

    /** The comparison above can fail: a copy missing a Type 1 attribute shows a new error. */
    @Test
    void aCopyMissingAType1AttributeHasNewErrors(@TempDir Path dir) throws Exception {
        org.glassbox.core.testing.ExternalTools.require("dciodvfy", "dicom3tools");
        Path source = writeIdentified(dir, "in.dcm", "1.2.3.4.5.100.1.1");
        ProfileDeidGate gate = new ProfileDeidGate(Dicom.rewriter(), new Pseudonymizer(new KeyedHash(KEY)));
        DeidentifiedCopy copy = gate.deidentify(source, Dicom.reader().open(source).dataset(), dir.resolve("out"));
        Path broken = dir.resolve("broken.dcm");
        Path emptied = dir.resolve("emptied.dcm");
        Dicom.rewriter().rewrite(copy.file(), broken,
                (path, e) -> e.tag() == DicomTags.StudyInstanceUID ? ElementEdit.REMOVE : ElementEdit.KEEP, DicomDataset.builder().build(), null);
        Dicom.rewriter().rewrite(copy.file(), emptied,
                (path, e) -> e.tag() == DicomTags.StudyInstanceUID ? ElementEdit.EMPTY : ElementEdit.KEEP, DicomDataset.builder().build(), null);
        Validation before = dciodvfy(source);
        assertThat(dciodvfy(broken).newErrorsSince(before)).singleElement().asString()
                .contains("Missing attribute Type 1", "StudyInstanceUID");
        assertThat(dciodvfy(emptied).newErrorsSince(before)).singleElement().asString()
                .contains("Type 1", "StudyInstanceUID");
    }

    /**
     * What dciodvfy said about one file.
     *
     * @param iod    the IOD it validated against (the one output line without " - "), or null
     * @param errors its error lines, whole (message, attribute and module)
     */
    private record Validation(String iod, Set<String> errors) {
        Set<String> newErrorsSince(Validation source) {
            Set<String> added = new TreeSet<>(errors);
            added.removeAll(source.errors());
            return added;
        }
    }

    private static Validation dciodvfy(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var r = p.inputReader()) {
            r.lines().forEach(lines::add);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Set<String> errs = new TreeSet<>();
        String iod = null;
        for (String l : lines) {
            // Errors also come prefixed with the element, e.g. "(0x0009,0x1010)  ?  - Error - ...".
            if (l.startsWith("Error") || l.contains(" - Error")) {
                errs.add(l.trim());
            } else if (!l.contains(" - ") && !l.isBlank()) {
                iod = l.trim();
            }
        }
        return new Validation(iod, errs);
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
