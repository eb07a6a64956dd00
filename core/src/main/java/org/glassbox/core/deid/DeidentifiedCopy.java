package org.glassbox.core.deid;

import java.nio.file.Path;

/**
 * A de-identified copy written by the gate.
 *
 * @param file             where the copy is
 * @param sopInstanceUid   the copy's (replaced) SOP Instance UID
 * @param patientPseudonym the pseudonymous Patient ID written into the copy
 */
public record DeidentifiedCopy(Path file, String sopInstanceUid, String patientPseudonym) {
}
