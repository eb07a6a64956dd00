package org.glassbox.core.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.glassbox.core.deid.DeidCheck;
import org.glassbox.core.deid.DeidFinding;
import org.glassbox.core.deid.DeidGate;
import org.glassbox.core.deid.DeidentifiedCopy;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomReadException;
import org.glassbox.core.dicom.DicomTags;

/**
 * TEST DOUBLE of the de-identification gate, for {@link FakeDicom} files: an instance is
 * identifying when PatientName is non-empty or BurnedInAnnotation is YES. De-identifying drops
 * PatientName, replaces the SOP Instance UID by a hash-derived {@code 2.25.} UID and the Patient ID
 * by a pseudonym. Deterministic, like the real gate.
 */
public final class FakeDeidGate implements DeidGate {

    @Override
    public DeidCheck check(DicomDataset dataset) {
        List<DeidFinding> findings = new ArrayList<>();
        if (dataset.string(DicomTags.PatientName) != null) {
            findings.add(new DeidFinding(DicomTags.PatientName, "PatientName", "present and non-empty"));
        }
        if ("YES".equals(dataset.string(DicomTags.BurnedInAnnotation))) {
            findings.add(new DeidFinding(DicomTags.BurnedInAnnotation, "BurnedInAnnotation", "is YES"));
        }
        return new DeidCheck(findings);
    }

    @Override
    public DeidentifiedCopy deidentify(Path source, DicomDataset dataset, Path targetDir) throws IOException, DicomReadException {
        String sop = dataset.string(DicomTags.SOPInstanceUID);
        String newSop = "2.25." + new BigInteger(1, sha("uid:" + sop));
        String pseudonym = "GB" + new BigInteger(1, sha("patient:" + dataset.string(DicomTags.PatientID))).toString(16).substring(0, 20);
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.startsWith("0010,0010=")) {
                continue;
            } else if (line.startsWith("0008,0018=")) {
                out.append("0008,0018=").append(newSop);
            } else if (line.startsWith("0010,0020=")) {
                out.append("0010,0020=").append(pseudonym);
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        Files.createDirectories(targetDir);
        Path target = targetDir.resolve(newSop + ".dcm");
        Path tmp = Files.createTempFile(targetDir, ".deid", ".pending");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        return new DeidentifiedCopy(tmp, target, newSop, pseudonym);
    }

    private static byte[] sha(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
