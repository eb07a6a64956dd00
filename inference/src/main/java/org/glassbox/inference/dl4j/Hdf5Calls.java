package org.glassbox.inference.dl4j;

import org.bytedeco.hdf5.AbstractDs;
import org.bytedeco.hdf5.CommonFG;
import org.bytedeco.hdf5.IdComponent;
import org.bytedeco.hdf5.PacketTable;
import org.bytedeco.javacpp.PointerScope;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * Runs work that touches the HDF5 library (DL4J's {@link Hdf5Archive}, Keras import) so that it
 * cannot crash the JVM.
 *
 * <p>Why: the HDF5 build shipped by the JavaCPP preset is not thread-safe, and DL4J 1.0.0-M2.1
 * leaves HDF5 objects open (e.g. {@code KerasModelImport.importKerasModelAndWeights} never closes
 * its archive; attribute and data-type handles are left to the garbage collector). JavaCPP then
 * closes them on its deallocator thread while another thread is inside HDF5: a SIGSEGV in {@code
 * libhdf5} (observed in {@code H5CX_get_vol_wrap_ctx} while the tests imported several files). Here
 * every HDF5 object created by the work is attached to a {@link PointerScope} limited to the HDF5
 * handle classes and released on the calling thread when the work ends, and the work holds DL4J's
 * own HDF5 lock. Arrays the work creates (ND4J buffers) are not HDF5 classes and are not touched.
 */
final class Hdf5Calls {
    private Hdf5Calls() {
    }

    /** Work against HDF5. */
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    static <T, E extends Exception> T call(Work<T, E> work) throws E {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (PointerScope scope = new PointerScope(IdComponent.class, AbstractDs.class, CommonFG.class, PacketTable.class,
                    org.bytedeco.hdf5.Exception.class)) {
                return work.run();
            }
        }
    }
}
