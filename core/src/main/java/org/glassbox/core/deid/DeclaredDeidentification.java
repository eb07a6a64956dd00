package org.glassbox.core.deid;

import java.util.EnumSet;
import java.util.Set;
import org.glassbox.core.dicom.DicomDataset;
import org.glassbox.core.dicom.DicomTags;

/**
 * What a data set says about its own de-identification: PatientIdentityRemoved (0012,0062) and
 * the CID 7050 options listed in DeidentificationMethodCodeSequence (0012,0064).
 *
 * @param identityRemoved PatientIdentityRemoved is YES
 * @param options         options declared with scheme DCM (only meaningful when identityRemoved)
 */
public record DeclaredDeidentification(boolean identityRemoved, Set<ProfileOption> options) {
    static final int CODE_VALUE = 0x00080100;
    static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    static final int CODE_MEANING = 0x00080104;

    public DeclaredDeidentification {
        options = options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
    }

    public static DeclaredDeidentification of(DicomDataset dataset) {
        boolean removed = "YES".equalsIgnoreCase(dataset.string(DicomTags.PatientIdentityRemoved));
        EnumSet<ProfileOption> options = EnumSet.noneOf(ProfileOption.class);
        dataset.get(DicomTags.DeidentificationMethodCodeSequence).ifPresent(seq -> {
            for (DicomDataset item : seq.items()) {
                String scheme = item.string(CODING_SCHEME_DESIGNATOR);
                String code = item.string(CODE_VALUE);
                if (code != null && (scheme == null || "DCM".equals(scheme))) {
                    ProfileOption.byCode(code).ifPresent(options::add);
                }
            }
        });
        return new DeclaredDeidentification(removed, removed ? options : Set.of());
    }

    public boolean declares(ProfileOption option) {
        return options.contains(option);
    }
}
