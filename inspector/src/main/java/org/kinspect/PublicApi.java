package org.kinspect;

import java.util.List;

/**
 * The one list of what kinspect exports: the packages users call, and the few types of internal
 * packages that those hand out. Everything else is internal and may change without notice. A real
 * {@code module-info.java} cannot say it: DL4J's and ND4J's jars are automatic modules that split
 * packages between them, so kinspect runs on the class path. Each package's
 * {@code package-info.java} says <b>Exported</b> or <b>Internal</b> to match this list, and no
 * public signature of an exported type names another type of kinspect ({@code PublicApiTest}).
 * The command line, the samples and the Spark jobs import nothing else
 * ({@code PublicApiBoundaryTest}) and compile against the exported classes alone
 * ({@code ExportedApiCompileTest}).
 *
 * <pre>{@code
 * PublicApi.isExported("org.kinspect.InspectedModel");     // true
 * PublicApi.isExported("org.kinspect.shape.KerasShape");   // true: InspectedModel.summary(shapes) takes it
 * PublicApi.isExported("org.kinspect.config.LayerSpec");   // false: read model.layers() instead
 * PublicApi.isExported("org.kinspect.inspect.ActivationProbe"); // false: call model.activations(...)
 * }</pre>
 */
public final class PublicApi {

    /**
     * The exported packages: opening a model (options; custom objects and what a custom
     * initializer implements in {@code custom}; errors in {@code errors}), activations and
     * summaries, memory plans, {@code .npy} arrays, data sets in batches, units, gates, evaluation,
     * diffs, gradients and attributions, reports and serving (converted models are saved and
     * opened through {@code InspectedModel}).
     */
    public static final List<String> PACKAGES = List.of(
            "org.kinspect",
            "org.kinspect.errors",
            "org.kinspect.custom",
            "org.kinspect.array",
            "org.kinspect.inspect",
            "org.kinspect.inspect.memory",
            "org.kinspect.batch",
            "org.kinspect.units",
            "org.kinspect.gates",
            "org.kinspect.eval",
            "org.kinspect.diff",
            "org.kinspect.gradients",
            "org.kinspect.attribution",
            "org.kinspect.report",
            "org.kinspect.report.graph",
            "org.kinspect.report.png",
            "org.kinspect.serve");

    /**
     * Types of internal packages that the exported API hands out or takes: a file's format, shapes
     * for open sizes, where a recurrent layer's states come from, a seq2seq model's carried states,
     * where a converted model came from and its format's version.
     */
    public static final List<String> TYPES = List.of(
            "org.kinspect.file.KerasFormat",
            "org.kinspect.shape.KerasShape",
            "org.kinspect.config.InitialStateSource",
            "org.kinspect.config.CarriedState",
            "org.kinspect.config.TensorRef",
            "org.kinspect.convert.Conversion",
            "org.kinspect.convert.ConvertedModelFormat");

    /**
     * Types of exported packages kept to the library: the classes {@code InspectedModel} and the
     * packages after it do their work with, which take the library's internals (a model's
     * description, its imported graph, its stored weights). Users reach what they do through
     * {@code InspectedModel} ({@code activations}, {@code summary}, {@code memoryPlan},
     * {@code gradients}, {@code gateTraces}...) and may not call them: they are no part of the
     * exported API, the command line and the samples may not use them ({@code
     * PublicApiBoundaryTest}), and they may change without notice. {@code ModelInternals} sits
     * beside {@code InspectedModel} to read its internals without a grant. Each one's package says
     * so in its {@code package-info.java} ({@code PublicApiTest}).
     */
    public static final List<String> LIBRARY_ONLY = List.of(
            "org.kinspect.ModelInternals",
            "org.kinspect.inspect.ActivationProbe",
            "org.kinspect.inspect.ModelSummarizer",
            "org.kinspect.inspect.RunPreconditions",
            "org.kinspect.inspect.memory.Dl4jMemoryEstimator",
            "org.kinspect.inspect.memory.MemoryPlanner",
            "org.kinspect.gates.GateTracer",
            "org.kinspect.gates.TracedModel",
            "org.kinspect.gradients.GradientProbe",
            "org.kinspect.gradients.WeightNumbering");

    private PublicApi() {}

    /**
     * @param typeName a type's qualified name; a nested type ({@code a.b.Outer.Inner}) is exported
     *     with its top-level type
     * @return true when users may use it
     */
    public static boolean isExported(String typeName) {
        String packageName = packageOf(typeName);
        if (packageName.length() == typeName.length()) {
            return false; // a package, no type
        }
        String topLevel = packageName + "." + typeName.substring(packageName.length() + 1).split("\\.")[0];
        if (LIBRARY_ONLY.contains(topLevel)) {
            return false;
        }
        return PACKAGES.contains(packageName) || TYPES.contains(topLevel);
    }

    /**
     * @param packageName a package's name
     * @return true when the whole package is exported
     */
    public static boolean isExportedPackage(String packageName) {
        return PACKAGES.contains(packageName);
    }

    // Packages are lower case and types start upper case, as everywhere in kinspect.
    private static String packageOf(String typeName) {
        String[] parts = typeName.split("\\.");
        int end = 0;
        while (end < parts.length && !parts[end].isEmpty() && Character.isLowerCase(parts[end].charAt(0))) {
            end++;
        }
        return String.join(".", java.util.Arrays.asList(parts).subList(0, end));
    }
}
