package org.glassbox.core.catalog;

/**
 * One file of an import as logged.
 *
 * @param file    the input file's path as given
 * @param outcome what happened to it
 * @param reason  why (for rejected / error / quarantined files), else null
 */
public record ImportFileRecord(String file, ImportOutcome outcome, String reason) {
}
