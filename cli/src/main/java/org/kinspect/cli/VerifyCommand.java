package org.kinspect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.kinspect.inspect.StepErrorGrowth;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code kinspect verify MODEL --reference REF}: runs the inputs stored in a Keras reference file
 * and compares every layer Keras recorded with DL4J's output ({@link LayerComparison}: a value
 * matches when {@code |ours - keras| <= tolerance * max(1, |keras|)}, and the shape must be
 * Keras's). Exits 0 only when every layer matches, so it can gate a build.
 *
 * <pre>{@code
 * $ kinspect verify model.h5 --reference model_io.h5
 * layer    shape    max abs error  max rel error  match
 * ...
 * verify: 2/2 layers match
 * }</pre>
 */
@Command(name = "verify",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs the inputs stored in a Keras reference file (HDF5: inputs/NAME, activations/LAYER) and "
                    + "compares every layer Keras recorded with DL4J's output. "
                    + "A value matches when |ours - keras| <= tolerance * max(1, |keras|); a layer matches when "
                    + "its shape is Keras's and all its values match.",
            "Prints one row per layer, a hint line for a sequence whose error grows step by step from float32 "
                    + "rounding (a chaotic recurrence may do that; it is still a mismatch), then 'verify: N/M layers "
                    + "match'. Exit code 0 only when all match, "
                    + "1 when one does not (other failures exit 2 to 6 or 70, as for every command: see kinspect --help).",
            "",
            "Write a reference file with the project's python/kinspect_reference.py, run with the Keras the "
                    + "model was made with (Keras 2 or 3, plus numpy and h5py); docs/reference-format.md describes "
                    + "the format in full."},
        footer = {
            "",
            "Examples:",
            "  python3 python/kinspect_reference.py model.keras model_io.h5 --input x.npy",
            "  kinspect verify model.keras --reference model_io.h5",
            "  kinspect verify model.h5 --reference model_io.h5 --tolerance 1e-4 --json",
            "  kinspect verify weights.h5 --config model.json --reference model_io.h5"})
final class VerifyCommand implements Callable<Integer> {
    /** The exit code when a layer does not match; no other problem exits with it. */
    static final int MISMATCH = ErrorReporter.VERIFY_MISMATCH;

    @Mixin
    ModelArgument modelFiles;

    @Option(names = "--reference", required = true, paramLabel = "FILE",
            description = "Keras's inputs and per-layer outputs for the model (an HDF5 file with inputs/ "
                    + "and activations/ groups), as python/kinspect_reference.py writes it.")
    Path referenceFile;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-5",
            description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (!Double.isFinite(tolerance) || tolerance < 0) {
            throw new ParameterException(common.commandLine(),
                    "--tolerance must be a number >= 0, not " + tolerance);
        }
        Progress progress = common.progress(common.commandLine().getErr());
        ModelLoader.startNd4j(progress);
        KerasReference reference = progress.step("reading " + referenceFile.getFileName(),
                () -> KerasReference.read(referenceFile));
        if (reference.activations().isEmpty()) {
            throw KinspectException.input(referenceFile + ": has no activations/ (or outputs/) to compare with");
        }
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        Map<String, INDArray> inputs = inputsFor(model.inputNames(), reference.inputs());
        Map<String, INDArray> ours = progress.step("running " + Formats.batch(inputs.values()),
                () -> model.activations(inputs));
        List<LayerComparison> comparisons = new ArrayList<>();
        for (String layer : comparedLayers(model.layerNames(), reference.activations().keySet())) {
            comparisons.add(LayerComparison.compare(layer, ours.get(layer), reference.activations().get(layer),
                    tolerance));
        }
        long matching = comparisons.stream().filter(LayerComparison::matches).count();
        Map<String, String> hints = new LinkedHashMap<>();
        for (LayerComparison comparison : comparisons) {
            if (!comparison.matches()) {
                StepErrorGrowth.of(ours.get(comparison.layer()), reference.activations().get(comparison.layer()),
                        tolerance).ifPresent(growth -> hints.put(comparison.layer(), growth.describe(comparison.layer())));
            }
        }
        PrintWriter out = common.commandLine().getOut();
        if (common.json) {
            Json.print(out, toJson(comparisons, matching, hints));
        } else {
            printTable(out, comparisons);
            hints.values().forEach(out::println); // hints, never matches: the exit code stays 1
            out.println("verify: " + matching + "/" + comparisons.size() + " layers match");
        }
        out.flush();
        return matching == comparisons.size() ? 0 : MISMATCH;
    }

    /**
     * Reference inputs are keyed by input layer name. Keras versions named a Sequential model's
     * input differently ({@code lstm_input_1} then {@code lstm_1_input}), so a single-input model
     * whose name differs takes the reference's single input by position.
     */
    static Map<String, INDArray> inputsFor(List<String> inputNames, Map<String, INDArray> given) {
        if (inputNames.size() == 1 && given.size() == 1) {
            return Map.of(inputNames.get(0), given.values().iterator().next());
        }
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (String name : inputNames) {
            INDArray input = given.get(name);
            if (input == null) {
                throw KinspectException.input("the reference file has no input for model input '" + name
                        + "'; it has: " + String.join(", ", given.keySet()) + " (is it the reference of this model?)");
            }
            inputs.put(name, input);
        }
        return inputs;
    }

    /** @return the reference's layers in the model's order, then any the model does not have */
    private static List<String> comparedLayers(List<String> modelLayers, Set<String> referenceLayers) {
        Set<String> ordered = new LinkedHashSet<>();
        modelLayers.stream().filter(referenceLayers::contains).forEach(ordered::add);
        ordered.addAll(referenceLayers);
        return List.copyOf(ordered);
    }

    private static void printTable(PrintWriter out, List<LayerComparison> comparisons) {
        TextTable table = new TextTable().left("layer").left("shape").right("max abs error").right("max rel error")
                .left("match");
        for (LayerComparison comparison : comparisons) {
            boolean sameShape = Arrays.equals(comparison.ourShape(), comparison.kerasShape());
            String shape = comparison.ourShape() == null
                    ? "not computed (Keras " + Formats.shape(comparison.kerasShape()) + ")"
                    : sameShape ? Formats.shape(comparison.kerasShape())
                    : Formats.shape(comparison.ourShape()) + ", Keras " + Formats.shape(comparison.kerasShape());
            // NaN errors mean "not compared" when the shapes disagree, "NaN in the values" otherwise.
            boolean compared = comparison.ourShape() != null
                    && (sameShape || !Double.isNaN(comparison.maxAbsoluteError()));
            table.row(comparison.layer(), shape,
                    compared ? Formats.error(comparison.maxAbsoluteError()) : Formats.NONE,
                    compared ? Formats.error(comparison.maxRelativeError()) : Formats.NONE,
                    comparison.matches() ? "yes" : "no");
        }
        table.print(out);
    }

    private Map<String, Object> toJson(List<LayerComparison> comparisons, long matching, Map<String, String> hints) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("model", modelFiles.model().toString());
        document.put("reference", referenceFile.toString());
        document.put("tolerance", tolerance);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerComparison comparison : comparisons) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", comparison.layer());
            layer.put("shape", comparison.ourShape());
            layer.put("keras_shape", comparison.kerasShape());
            layer.put("max_abs_error", Formats.finiteOrNull(comparison.maxAbsoluteError()));
            layer.put("max_rel_error", Formats.finiteOrNull(comparison.maxRelativeError()));
            layer.put("match", comparison.matches());
            if (hints.containsKey(comparison.layer())) {
                layer.put("hint", hints.get(comparison.layer()));
            }
            layers.add(layer);
        }
        document.put("layers", layers);
        document.put("matching", matching);
        document.put("compared", comparisons.size());
        return document;
    }
}
