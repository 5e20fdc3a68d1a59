package org.kinspect.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.memory.Dl4jMemoryEstimate;
import org.kinspect.inspect.memory.MemoryOptions;
import org.kinspect.inspect.memory.MemoryPlan;
import org.kinspect.inspect.memory.Optimizer;
import org.kinspect.inspect.memory.Precision;
import org.kinspect.shape.KerasShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code kinspect memory MODEL}: how much memory the model needs for a batch, layer by layer, for
 * inference and for training, beside DL4J's own estimate. MODEL may be a JSON configuration alone
 * ({@code model.to_json()}): planning needs no weights.
 *
 * <pre>{@code
 * $ kinspect memory model.h5
 * $ kinspect memory model.json --batch 32 --optimizer sgd --dtype float16 --json
 * $ kinspect memory seq2seq.h5 --steps 100     # sequences of any length: count 100 steps
 * $ kinspect memory fcn.h5 --input-shape image=224,224,3   # Input((None, None, 3)) at 224x224
 * }</pre>
 */
@Command(name = "memory",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Plans the memory a model needs for a batch. One row per layer: output shape, values per example, "
                    + "activation memory for the batch, working memory in training, parameters. Then the totals: "
                    + "inference (the most activations alive at once as the layers run in the graph's order, each "
                    + "output freed after its last reader, plus the parameters and the working memory) and "
                    + "training (every activation kept for the backward pass, their gradients, the parameters, "
                    + "their gradients, the optimizer's state and the working memory). Working memory is the "
                    + "scratch arrays of the layer needing most while it runs (a convolution's im2col array, an "
                    + "LSTM's gate arrays for every step), as DL4J allocates them. Sizes in KB, MB, GB of 1000. DL4J's own estimate is shown beside, with where "
                    + "the two differ.",
            "",
            "MODEL may also be a JSON configuration alone (model.to_json()): the plan needs no weights."},
        footer = {
            "",
            "Flatten and Reshape outputs share their input's memory; so do Dropout and noise",
            "layers at inference. Sizes the model leaves open (None, e.g. a sequence length)",
            "are left out of the totals unless --input-shape or --steps gives them.",
            "",
            "Examples:",
            "  kinspect memory model.h5",
            "  kinspect memory model.json --batch 32 --optimizer sgd --dtype float16",
            "  kinspect memory weights.h5 --config model.json --json",
            "  kinspect memory seq2seq.h5 --steps 100",
            "  kinspect memory fcn.h5 --input-shape image=224,224,3"})
final class MemoryCommand implements Callable<Integer> {

    @Mixin
    ModelArgument modelFiles;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Examples per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", converter = OptimizerName.class,
            description = "sgd, momentum, adam, adagrad or rmsprop: what training keeps per parameter "
                    + "(default: ${DEFAULT-VALUE}).")
    Optimizer optimizer;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = PrecisionName.class,
            description = "float32, float16 or float64: the type of every value (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--steps", paramLabel = "N",
            description = "Count N for every size the model leaves open (None), e.g. a sequence length.")
    Long steps;

    @Option(names = "--input-shape", paramLabel = "NAME=D1,D2,...",
            description = "The sizes of one example of input NAME, every axis after the batch, for the sizes "
                    + "the model leaves open (None): --input-shape image=224,224,3. Repeat for more inputs.")
    Map<String, String> inputShapes = new LinkedHashMap<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (batch < 1) {
            throw new ParameterException(common.commandLine(), "--batch must be at least 1, not " + batch);
        }
        if (steps != null && steps < 1) {
            throw new ParameterException(common.commandLine(), "--steps must be at least 1, not " + steps);
        }
        MemoryOptions options = new MemoryOptions(batch, precision, optimizer, steps);
        Progress progress = common.progress(common.commandLine().getErr());
        ModelLoader.startNd4j(progress);
        InspectedModel model = ModelLoader.openDescription(modelFiles.model(), modelFiles.config(), common, progress);
        Map<String, KerasShape> shapes = parsedInputShapes();
        MemoryPlan plan = model.memoryPlan(options, shapes);
        Dl4jMemoryEstimate dl4j = model.dl4jMemoryEstimate(options, shapes);
        PrintWriter out = common.commandLine().getOut();
        if (common.json) {
            Json.print(out, MemoryJson.document(modelFiles.model(), model, plan, dl4j));
        } else {
            new MemoryText(out).print(modelFiles.model(), model, plan, dl4j);
        }
        out.flush();
        return 0;
    }

    /** {@code --input-shape NAME=D1,D2,...} as Keras shapes, batch open. */
    private Map<String, KerasShape> parsedInputShapes() {
        Map<String, KerasShape> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, String> given : inputShapes.entrySet()) {
            List<Long> sizes = new ArrayList<>();
            sizes.add(null);
            for (String size : given.getValue().split(",", -1)) {
                long parsed;
                try {
                    parsed = Long.parseLong(size.strip());
                } catch (NumberFormatException e) {
                    parsed = 0;
                }
                if (parsed < 1) {
                    throw new ParameterException(common.commandLine(), "--input-shape " + given.getKey() + "="
                            + given.getValue() + ": give every size after the batch as a whole number of at least 1,"
                            + " separated by commas (image=224,224,3)");
                }
                sizes.add(parsed);
            }
            shapes.put(given.getKey(), new KerasShape(sizes));
        }
        return shapes;
    }

    /** Reads {@code --optimizer}; a wrong name is a usage error that lists the right ones. */
    static final class OptimizerName implements ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String name) {
            try {
                return Optimizer.parse(name);
            } catch (KinspectException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code --dtype}; a wrong name is a usage error that lists the right ones. */
    static final class PrecisionName implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String name) {
            try {
                return Precision.parse(name);
            } catch (KinspectException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
