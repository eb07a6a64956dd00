package org.glassbox.inference.engine;

/**
 * Chooses nd4j-native's oneDNN build (classifier {@code linux-x86_64-onednn}) when it is on the
 * class path: libnd4j then runs conv2d, batch-norm and pooling through oneDNN (its platform
 * helpers), measured 4–10× faster per convolution on this machine than the plain OpenBLAS/im2col
 * build (ADR 0006). JavaCPP picks the build from the system property
 * {@code org.bytedeco.javacpp.platform.extension} when ND4J first loads its native library, so
 * this must run before anything touches ND4J; it is a no-op if the property is already set (an
 * explicit {@code -D…=} on the command line wins, an empty value selects the plain build) or if
 * the oneDNN jar is absent, and has no effect once ND4J is loaded.
 */
public final class NativeBackend {
    /** JavaCPP's property naming the native build variant. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String ONEDNN_LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so";

    private NativeBackend() {
    }

    /** @return the extension in effect after the call ("" = the plain build) */
    public static synchronized String preferOneDnn() {
        String current = System.getProperty(EXTENSION_PROPERTY);
        if (current != null) {
            return current;
        }
        if (NativeBackend.class.getClassLoader().getResource(ONEDNN_LIBRARY) != null) {
            System.setProperty(EXTENSION_PROPERTY, "-onednn");
            return "-onednn";
        }
        return "";
    }
}
