package org.kinspect.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kinspect.InspectedModel;
import org.kinspect.array.NpyFile;
import org.kinspect.attribution.Attributions;
import org.kinspect.attribution.IntegratedGradients;
import org.kinspect.gradients.GradientTarget;
import org.kinspect.gradients.Gradients;
import org.kinspect.gradients.KerasLoss;
import org.kinspect.report.ReportImage;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code kinspect gradients MODEL --input X.npy [--target UNIT|LAYER:UNIT]}: the gradient of a
 * unit (summed over the batch, so each example gets its own gradient) with respect to the inputs,
 * every layer's output and every weight; or an attribution of the inputs ({@code --method}).
 *
 * <pre>{@code
 * $ kinspect gradients model.keras --input x.npy --target 3
 * $ kinspect gradients model.keras --input x.npy --target lstm_1:2 --out grads/
 * $ kinspect gradients model.keras --input x.npy --method integrated --steps 64 --json
 * }</pre>
 */
@Command(name = "gradients",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Gradients of one unit, summed over the batch (each example gets its own gradient, since examples do "
                    + "not mix), with respect to the inputs, every layer's output and every trainable weight, in "
                    + "Keras's layout; or an attribution of the inputs with --method.",
            "",
            "Inference mode, as Keras's training=False: Dropout passes everything through and "
                    + "BatchNormalization uses its moving mean and variance. A layer whose backward pass kinspect "
                    + "has not checked against Keras (keras.ops operations other than element-wise "
                    + "math, SimpleRNN layers with initial or returned states, masked models...) is refused by "
                    + "name (exit 5): target a layer before it.",
            "",
            "With --out: INPUT.grad.npy, LAYER.grad.npy and LAYER.WEIGHT.grad.npy (--method gradient), or "
                    + "INPUT.METHOD.npy, with charts (heatmaps over images and sequences, per-step bars, "
                    + "weight-gradient histograms) and index.html."},
        footer = {
            "",
            "Examples:",
            "  kinspect gradients model.keras --input x.npy --target 3",
            "  kinspect gradients model.keras --input x.npy --target lstm_1:2 --out grads/",
            "  kinspect gradients model.keras --input x.npy --labels y.npy \\",
            "           --loss sparse_categorical_crossentropy",
            "  kinspect gradients model.keras --input x.npy --method integrated --steps 64",
            "  kinspect gradients cnn.keras --input img.npy --method gradcam --layer last_conv --out cam/"})
final class GradientsCommand implements Callable<Integer> {

    /** The methods of --method, as typed. */
    enum Method {
        gradient, saliency, gradient_x_input, smoothgrad, integrated, gradcam;

        String fileName() {
            return name().replace('_', '-');
        }
    }

    @Mixin
    ModelArgument modelFiles;

    @Option(names = "--input", required = true, paramLabel = "[NAME=]FILE", converter = InputArgument.Converter.class,
            description = "The examples as a .npy file, batch first, in Keras's layout. FILE alone for a single-input "
                    + "model; NAME=FILE for each input of a model with several.")
    List<InputArgument> inputs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "UNIT|LAYER:UNIT",
            description = "What to differentiate: unit UNIT of the model's only output (a class), or unit UNIT "
                    + "(index into the last axis) of layer LAYER, summed over the batch and any other axis. Default: "
                    + "the output unit with the largest mean over the batch.")
    String target;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "With --loss: the labels as a .npy file (class indices for sparse_categorical_crossentropy, "
                    + "else shaped as the output); the target is then Keras's loss, the mean over the batch.")
    Path labelsFile;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "With --labels: categorical_crossentropy, sparse_categorical_crossentropy or "
                    + "mean_squared_error (mse), computed as Keras computes it.")
    String lossName;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "gradient",
            description = "gradient (default: every gradient), saliency (|gradient|), gradient_x_input, smoothgrad, "
                    + "integrated (Integrated Gradients, with its completeness check) or gradcam (with --layer).")
    Method method;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "64",
            description = "Integrated Gradients: gradients taken on the path from the baseline (default: "
                    + "${DEFAULT-VALUE}), weighed by an adaptive midpoint rule: a quarter of them at the middles "
                    + "of equal intervals, the others cutting in three each example's interval where the gradient "
                    + "changes most (where ReLU units switch), two at a time.")
    int steps;

    @Option(names = "--baseline", paramLabel = "[NAME=]FILE", converter = InputArgument.Converter.class,
            description = "Integrated Gradients: the baseline, shaped as the input (default: zeros).")
    List<InputArgument> baselines = new ArrayList<>();

    @Option(names = "--samples", paramLabel = "N", defaultValue = "25",
            description = "SmoothGrad: noisy copies averaged (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", paramLabel = "FRACTION", defaultValue = "0.15",
            description = "SmoothGrad: noise standard deviation as a fraction of each input's range (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "SmoothGrad: the noise's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layer", paramLabel = "NAME", description = "Grad-CAM: the convolution layer.")
    String camLayer;

    @Mixin
    OutOptions results;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        CommandLine commandLine = common.commandLine();
        checkOptions(commandLine);
        boolean writing = results.check() != null; // a folder that cannot be written fails before the run
        Progress progress = common.progress(commandLine.getErr());
        InputFiles.check(inputs);
        InputFiles.check(baselines);
        InspectedModel model = ModelLoader.open(modelFiles.model(), modelFiles.config(), common, progress);
        InputFiles inputFiles = progress.step("reading the inputs", () -> InputFiles.read(inputs));
        InputFiles baselineFiles = baselines.isEmpty() ? null : InputFiles.read(baselines);
        Map<String, INDArray> arrays = InputFiles.arraysByName(inputFiles.forModel(model.inputNames()));
        GradientTarget chosen = labelsFile != null
                ? GradientTarget.loss(KerasLoss.of(lossName, NpyFile.read(labelsFile))).on(onlyOutput(model))
                : target != null ? GradientTarget.parse(target) : topUnit(model, arrays);
        GradientsReport report = progress.step("computing " + method.fileName() + " for " + chosen.describe(),
                () -> compute(model, arrays, chosen, baselineFiles));
        List<Path> written = new ArrayList<>();
        if (writing) {
            ResultFiles files = results.claim(report.fileNames(), null);
            Path created = files.folder();
            report.arrays().forEach((name, array) -> NpyFile.write(created.resolve(name), array));
            files.add(report.arrays().keySet().stream().map(created::resolve).toList());
            List<ReportImage> charts = progress.step("drawing charts into " + results.folder(),
                    () -> report.charts(model, arrays, created));
            files.add(charts.stream().map(ReportImage::file).toList());
            StringWriter table = new StringWriter();
            report.printTable(new PrintWriter(table));
            files.writeIndex(method.fileName() + " of " + report.target().describe() + " in " + modelFiles.model().getFileName(),
                    table.toString());
            written = files.written();
        }
        PrintWriter out = commandLine.getOut();
        if (common.json) {
            Json.print(out, report.toJson(modelFiles.model(), written));
        } else {
            report.printTable(out);
            if (!written.isEmpty()) {
                out.println("wrote " + Formats.quantity(written.size(), "file") + " to " + results.folder());
            }
        }
        report.notes().forEach(progress::warning);
        out.flush();
        return 0;
    }

    private GradientsReport compute(InspectedModel model, Map<String, INDArray> arrays, GradientTarget chosen,
            InputFiles baselineFiles) {
        return switch (method) {
            case gradient -> GradientsReport.ofGradients(model.gradients(arrays, chosen));
            case saliency -> GradientsReport.ofAttribution(method.fileName(), resolved(model, chosen),
                    Attributions.saliency(model, arrays, chosen), null);
            case gradient_x_input -> GradientsReport.ofAttribution(method.fileName(), resolved(model, chosen),
                    Attributions.gradientTimesInput(model, arrays, chosen), null);
            case smoothgrad -> GradientsReport.ofAttribution(method.fileName(), resolved(model, chosen),
                    Attributions.smoothGrad(model, arrays, chosen, samples, noise, seed), null);
            case integrated -> {
                Map<String, INDArray> baseline = baselineFiles == null ? null
                        : InputFiles.arraysByName(baselineFiles.forModel(model.inputNames()));
                IntegratedGradients ig = Attributions.integratedGradients(model, arrays, chosen, baseline, steps);
                yield GradientsReport.ofAttribution(method.fileName(), resolved(model, chosen), ig.attributions(), ig);
            }
            case gradcam -> GradientsReport.ofAttribution(method.fileName(), resolved(model, chosen),
                    Map.of(camLayer, Attributions.gradCam(model, arrays, chosen, camLayer)), null);
        };
    }

    private static GradientTarget resolved(InspectedModel model, GradientTarget target) {
        return target.layer() != null ? target : target.on(onlyOutput(model));
    }

    /** The output unit with the largest mean over the batch: the class the batch is most taken for. */
    private static GradientTarget topUnit(InspectedModel model, Map<String, INDArray> arrays) {
        String output = onlyOutput(model);
        INDArray values = model.activation(output, arrays);
        INDArray units = values.reshape(-1, values.size(values.rank() - 1)).mean(0);
        return new GradientTarget(output, units.argMax().getInt(0));
    }

    private static String onlyOutput(InspectedModel model) {
        List<String> outputs = model.outputLayerNames();
        if (outputs.size() != 1) {
            throw org.kinspect.errors.KinspectException.input("the model has " + outputs.size() + " outputs ("
                    + String.join(", ", outputs) + "); name the one to differentiate as --target LAYER:UNIT");
        }
        return outputs.get(0);
    }

    private void checkOptions(CommandLine commandLine) {
        results.checkWith(commandLine);
        if (method == Method.gradcam && camLayer == null) {
            throw new ParameterException(commandLine, "--method gradcam needs --layer NAME: the convolution layer");
        }
        if (method != Method.gradcam && camLayer != null) {
            throw new ParameterException(commandLine, "--layer is for --method gradcam; use --target LAYER:UNIT"
                    + " to differentiate a layer's unit");
        }
        if ((labelsFile == null) != (lossName == null)) {
            throw new ParameterException(commandLine, "--labels and --loss go together: the labels and the loss to"
                    + " differentiate");
        }
        if (labelsFile != null && target != null) {
            throw new ParameterException(commandLine, "--target and --labels/--loss are two targets; give one");
        }
        if (labelsFile != null && method == Method.gradcam) {
            throw new ParameterException(commandLine, "--method gradcam takes a --target unit, not a loss");
        }
        if (steps < 1) {
            throw new ParameterException(commandLine, "--steps must be 1 or more, not " + steps);
        }
        if (samples < 1) {
            throw new ParameterException(commandLine, "--samples must be 1 or more, not " + samples);
        }
        if (noise < 0) {
            throw new ParameterException(commandLine, "--noise must be 0 or more, not " + noise);
        }
        if (!baselines.isEmpty() && method != Method.integrated) {
            throw new ParameterException(commandLine, "--baseline is for --method integrated");
        }
    }

    /** Formats a magnitude for the table. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    static double meanAbs(INDArray array) {
        return array.length() == 0 ? 0 : Transforms.abs(array).meanNumber().doubleValue();
    }

    static Map<String, Object> stats(INDArray array) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("shape", array.shape());
        stats.put("mean_abs", meanAbs(array));
        stats.put("max_abs", array.length() == 0 ? 0 : array.amaxNumber().doubleValue());
        return stats;
    }
}
