package org.glassbox.inference.pkg;

/**
 * The signature status of a package.
 *
 * @param status  what was found
 * @param keyId   the signing key's id (SHA-256 of its SubjectPublicKeyInfo), or null when absent/unreadable
 * @param message one line for a person
 */
public record SignatureCheck(Status status, String keyId, String message) {
    public enum Status {
        /** Signed by a trusted key, and the signature verifies over SHA256SUMS. */
        VALID,
        /** SIGNATURE is malformed, or does not verify over SHA256SUMS (the package or the signature changed). */
        INVALID,
        /** No SIGNATURE file. */
        ABSENT,
        /** The signature verifies with the public key it names, but that key is not trusted here. */
        UNTRUSTED_KEY
    }

    static SignatureCheck absent() {
        return new SignatureCheck(Status.ABSENT, null, "no " + PackageSignature.FILE + " file");
    }
}
