package org.glassbox.core.deid;

import java.nio.file.Path;

/**
 * A de-identified copy written by the gate, not yet in place: the gate writes it under a temporary
 * name in the target folder, and the importer moves it to {@code target} only once the catalog has
 * accepted its SOP Instance UID (never replacing an existing file), or deletes it.
 *
 * @param file             the temporary file holding the copy
 * @param target           where the copy belongs: {@code <targetDir>/<sopInstanceUid>.dcm}
 * @param sopInstanceUid   the copy's (replaced) SOP Instance UID
 * @param patientPseudonym the pseudonymous Patient ID written into the copy
 */
public record DeidentifiedCopy(Path file, Path target, String sopInstanceUid, String patientPseudonym) {
}
