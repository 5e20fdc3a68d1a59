package org.kinspect.bench;

import java.nio.file.Path;

/**
 * One comparison: our import of {@code file} against a baseline on the same file.
 *
 * @param name short id, used for result file names
 * @param kind what the model is (MLP, CNN, LSTM, large ...), for the report
 * @param file the model file
 * @param baseline what we are compared with
 * @param warmup alternated pairs run first and thrown away, at least
 * @param warmupSeconds how long the warm-up may last: after the first {@code warmup} pairs, more are thrown away
 *     until the JIT compilers are quiet (both imports compiled; a 5-20 ms import is still being compiled after
 *     hundreds of calls) or this many seconds have passed
 * @param pairs alternated pairs measured
 * @param minSpeedup the target: baseline time / our time must be at least this; null when the issue sets none
 * @param target the target in words, for the report
 * @param profile whether to split our import into its phases for this file
 * @param timeoutSeconds how long one call may run before it counts as not finished and the case's JVM ends
 */
public record BenchCase(String name, String kind, Path file, Baseline baseline, int warmup, double warmupSeconds,
        int pairs,
        Double minSpeedup, String target, boolean profile, double timeoutSeconds) {

    /** What our import is compared with. */
    public enum Baseline {
        /** DL4J's own {@code KerasModelImport} (native HDF5, random init, then the weights). */
        DL4J("DL4J KerasModelImport"),
        /** jhdf alone reading every weight dataset into float arrays: the floor for any jhdf-based reader. */
        JHDF("jhdf read of all weights"),
        /** No baseline: our import alone (used to finish a case whose baseline timed out). */
        NONE("none");

        private final String label;

        Baseline(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
