package org.glassbox.core.archfixture;

/**
 * Deliberately breaks two architecture rules (a core class using app and PixelMed) so
 * ArchitectureRulesTest can show its rules fail. Test-only; never on the product classpath.
 */
public final class ViolatingCoreClass {
    private ViolatingCoreClass() {
    }

    static String leak() {
        return org.glassbox.app.cli.Workspaces.resolve(null) + com.pixelmed.dicom.TagFromName.PatientName.toString();
    }
}
