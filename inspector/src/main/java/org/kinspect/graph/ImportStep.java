package org.kinspect.graph;

/**
 * One named step of the DL4J hand-off ({@link ImportPipeline}): what it does in one line, the
 * phase it belongs to, and the work it does on one {@link ImportRun}.
 *
 * <pre>{@code
 * ImportStep step = new ImportStep("trailing reshapes", Phase.BEFORE_DL4J,
 *         "Flatten, Reshape and Permute that end the model become layers DL4J keeps",
 *         run -> TrailingReshapes.rewrite(run.model()));
 * step.action().apply(run);
 * }</pre>
 *
 * @param name the step's name, as ARCHITECTURE.md lists it
 * @param phase where it stands relative to DL4J's mapping
 * @param purpose what it does, in one line
 * @param action the work
 */
record ImportStep(String name, Phase phase, String purpose, Action action) {

    /** Where a step stands relative to DL4J's mapping; each phase fails in its own words. */
    enum Phase {
        /** Rewrites the copy of the description DL4J's importer will read, and builds the hints for kinspect's mappers. */
        BEFORE_DL4J("before DL4J"),
        /** DL4J's {@code KerasModel} with DL4J's and kinspect's mappers builds the graph configuration. */
        DL4J("DL4J"),
        /** Corrects and checks the configuration DL4J built. */
        AFTER_DL4J("after DL4J"),
        /** Makes the graph and puts the Keras weights in it. */
        GRAPH("graph");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** @return the phase as ARCHITECTURE.md names it */
        String label() {
            return label;
        }
    }

    /** The work of a step: it reads and changes the run. */
    @FunctionalInterface
    interface Action {
        void apply(ImportRun run) throws Exception;
    }
}
