package org.glassbox.core.privacy;

import java.util.HashSet;
import java.util.Set;
import org.glassbox.core.crypto.KeyedHash;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomElement;
import org.glassbox.core.dicom.DicomTags;

/**
 * Keyed hashes of the identifying tokens in a DICOM header: every name token of every person-name
 * element (VR PN, or one of {@link #NAME_TAGS}), at any depth of sequences, and the identifier tokens of Patient ID, Other Patient
 * IDs and Accession Number. The import stores these for files it refused, quarantined or
 * de-identified, so that {@link PhiTextScanner} can recognise those names in notes; the values
 * themselves are never stored.
 */
public final class HeaderTokenHashes {
    /** Other Patient IDs (0010,1000), retired but still seen. */
    static final int OTHER_PATIENT_IDS = 0x00101000;
    private static final int MAX_DEPTH = 16;
    /**
     * Person-name attributes (PS3.6), recognised by tag too, so a name is caught even when its VR was
     * not PN as read (implicit VR files, UN): Referring Physician, Physicians of Record, Performing
     * Physician, Name of Physicians Reading Study, Operators, Patient Name, Other Patient Names,
     * Patient Birth Name, Patient Mother's Birth Name, Responsible Person, Requesting Physician.
     */
    static final java.util.Set<Integer> NAME_TAGS = java.util.Set.of(0x00080090, 0x00081048, 0x00081050, 0x00081060, 0x00081070,
            DicomTags.PatientName, 0x00101001, 0x00101005, 0x00101060, 0x00102297, 0x00321032);

    private HeaderTokenHashes() {
    }

    public static Set<String> of(DicomDataset header, KeyedHash key) {
        Set<String> out = new HashSet<>();
        collect(header, key, out, 0);
        return out;
    }

    private static void collect(DicomDataset ds, KeyedHash key, Set<String> out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (DicomElement e : ds.elements()) {
            if (e.isSequence()) {
                e.items().forEach(item -> collect(item, key, out, depth + 1));
            } else if ("PN".equals(e.vr()) || NAME_TAGS.contains(e.tag())) {
                for (String v : e.values()) {
                    PhiTokens.nameTokens(v).forEach(t -> out.add(PhiTokens.nameHash(key, t.normalised())));
                }
            } else if (e.tag() == DicomTags.PatientID || e.tag() == DicomTags.AccessionNumber || e.tag() == OTHER_PATIENT_IDS) {
                for (String v : e.values()) {
                    PhiTokens.idTokens(v).forEach(t -> out.add(PhiTokens.idHash(key, t.normalised())));
                }
            }
        }
    }
}
