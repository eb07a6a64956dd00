package org.glassbox.inference.pkg;

import java.util.List;

/**
 * The outcome of checking a package against its SHA256SUMS and its model.json against the schema.
 *
 * @param source   the package as given (folder, zip or .onnx)
 * @param identity SHA-256 of SHA256SUMS (the package identity), or null when SHA256SUMS is missing
 *                 or unreadable
 * @param files    one check per file listed or present, by name
 * @param problems one line each, naming the file or field; empty when the package is sound
 * @param signature the SIGNATURE check, or null when it was not reached (no readable SHA256SUMS, or a
 *                  bare .onnx file, which cannot be signed)
 */
public record PackageVerification(String source, String identity, List<FileCheck> files, List<String> problems, SignatureCheck signature) {
    public PackageVerification {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** Without a signature check. */
    public PackageVerification(String source, String identity, List<FileCheck> files, List<String> problems) {
        this(source, identity, files, problems, null);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * @param file     name inside the package
     * @param status   what the check found
     * @param expected hash listed in SHA256SUMS (null when unlisted)
     * @param actual   hash of the file (null when missing)
     */
    public record FileCheck(String file, Status status, String expected, String actual) {
    }

    public enum Status { OK, MISMATCH, MISSING, UNLISTED }
}
