package org.glassbox.core.model;

import java.util.Objects;

/**
 * One image instance: where it sits in the study hierarchy, how its pixels are laid out, and the
 * subgroup attributes a fairness audit needs.
 *
 * @param sopInstanceUid    SOPInstanceUID (0008,0018)
 * @param sopClassUid       SOPClassUID (0008,0016)
 * @param seriesInstanceUid the series it belongs to
 * @param studyInstanceUid  the study it belongs to
 * @param transferSyntaxUid the transfer syntax it was stored with
 * @param instanceNumber    InstanceNumber, 0 when absent
 * @param pixels            pixel layout after decompression
 * @param attributes        subgroup attributes
 */
public record Instance(
        String sopInstanceUid,
        String sopClassUid,
        String seriesInstanceUid,
        String studyInstanceUid,
        String transferSyntaxUid,
        int instanceNumber,
        PixelDescription pixels,
        SubgroupAttributes attributes) {
    public Instance {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(attributes, "attributes");
    }
}
