package org.glassbox.inference.pkg;

/**
 * Which model-package signatures a load accepts. Whatever the policy, a package whose SIGNATURE
 * file is present but malformed or does not verify is refused (it was damaged or tampered with).
 *
 * @param trusted          the workspace's trusted keys
 * @param requireSignature when true, only a valid signature by a trusted key is accepted (an
 *                         unsigned package, a package signed by an unknown key and a bare .onnx file
 *                         are refused); when false those load and the status is reported
 */
public record SignaturePolicy(TrustedKeys trusted, boolean requireSignature) {
    /** No trusted keys, signatures optional: what a load outside any workspace uses. */
    public static final SignaturePolicy NONE = new SignaturePolicy(TrustedKeys.NONE, false);

    /** Whether a package with this signature status may load; null when it may, else why not. */
    public String refusal(SignatureCheck check, String label) {
        return switch (check.status()) {
            case VALID -> null;
            case INVALID -> label + ": " + check.message();
            case ABSENT -> requireSignature ? label + ": unsigned, and this workspace requires a signature by a trusted key (models.requireSignature)"
                    : null;
            case UNTRUSTED_KEY -> requireSignature ? label + ": " + check.message()
                    + "; this workspace requires a trusted key (add its .pub to trusted-keys/ to trust it)" : null;
        };
    }
}
