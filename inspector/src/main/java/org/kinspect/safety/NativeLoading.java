package org.kinspect.safety;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps two kinds of native work apart that can hang a process for good when they meet on two
 * threads: loading a native library (Java2D's, at the first chart a process draws) and the first
 * use of ND4J's BLAS. Setting up ND4J's BLAS asks JavaCPP for MKL's functions by name, and for a
 * name no loaded library has, JavaCPP walks every loaded library with {@code dl_iterate_phdr}
 * and looks the name up from inside that walk; glibc holds one of its loader locks during the
 * walk and the other while a library is being loaded, each thread then waits for the other's lock,
 * and neither ever returns. It happened: a report's warm-up loading the font libraries while the
 * model's first matrix product set up BLAS (threads stuck in {@code dlopen} and in
 * {@code Loader.addressof}, seen with gdb).
 *
 * <p>So a command that draws while it imports and runs does both under one lock: the report's
 * warm-up loads Java2D's libraries in {@link #loadingLibraries}, and a model's first run sets up
 * BLAS in {@link #prepareBlas} before any matrix product can set it up unguarded.
 *
 * <pre>{@code
 * NativeLoading.loadingLibraries(() -> drawFirstChart());   // on the report's thread
 * NativeLoading.prepareBlas();                             // on the model's, before it runs
 * }</pre>
 */
public final class NativeLoading {
    /** Held while native libraries load, and while BLAS is set up. */
    private static final Object LOCK = new Object();

    private NativeLoading() {}

    /**
     * Sets up ND4J's BLAS now, unless it is set up already, while no library loads under
     * {@link #loadingLibraries}. Cheap after the first call. Needs ND4J's backend, which it starts
     * when nothing has started it.
     */
    public static void prepareBlas() {
        synchronized (LOCK) {
            Nd4j.factory().blas();
        }
    }

    /**
     * Runs work that loads native libraries, while no BLAS is set up by {@link #prepareBlas}.
     *
     * @param work what loads them (a first drawing)
     */
    public static void loadingLibraries(Runnable work) {
        synchronized (LOCK) {
            work.run();
        }
    }
}
