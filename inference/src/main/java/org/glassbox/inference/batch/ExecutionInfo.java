package org.glassbox.inference.batch;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Where models run: the ND4J backend, the device, ND4J's thread count and the machine's processors.
 *
 * @param backend             ND4J backend class, e.g. "CpuBackend"
 * @param device              "cpu" or "cuda"
 * @param threads             ND4J's master threads (Nd4j.getEnvironment().maxMasterThreads())
 * @param availableProcessors Runtime.availableProcessors()
 */
public record ExecutionInfo(String backend, String device, int threads, int availableProcessors) {

    /** The running backend (loads ND4J if it was not loaded). */
    public static ExecutionInfo current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        String device = backend.toLowerCase(java.util.Locale.ROOT).contains("cuda") ? "cuda" : "cpu";
        return new ExecutionInfo(backend, device, Nd4j.getEnvironment().maxMasterThreads(), Runtime.getRuntime().availableProcessors());
    }
}
