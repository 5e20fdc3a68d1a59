package org.kinspect.cli;

import static org.kinspect.inspect.memory.ByteSize.human;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.memory.ByteSize;
import org.kinspect.inspect.memory.Dl4jMemoryEstimate;
import org.kinspect.inspect.memory.InferencePeak;
import org.kinspect.inspect.memory.LayerMemory;
import org.kinspect.inspect.memory.MemoryOptions;
import org.kinspect.inspect.memory.MemoryPlan;

/**
 * The table and totals of {@code kinspect memory}, for people.
 *
 * <pre>{@code
 * layer          class       output shape        values/example  activations  parameters  note
 * -------------  ----------  ------------------  --------------  -----------  ----------  ----
 * input_layer    InputLayer  (None, 50, 50, 3)            7,500      1.92 MB           0
 * ...
 * Inference: 44.13 MB
 *   activations alive at the peak  25.60 MB  while max_pooling2d runs: conv2d, max_pooling2d
 * }</pre>
 */
final class MemoryText {
    private static final String UNKNOWN = "?";
    private static final int WIDTH = 100;

    private final PrintWriter out;

    MemoryText(PrintWriter out) {
        this.out = out;
    }

    void print(Path modelFile, InspectedModel model, MemoryPlan plan, Dl4jMemoryEstimate dl4j) {
        MemoryOptions options = plan.options();
        out.println("Model \"" + model.modelName() + "\" from " + modelFile.getFileName()
                + (model.hasWeights() ? "" : " (a configuration alone: parameters counted in the DL4J graph)"));
        out.println("Batch " + Formats.count(options.batch()) + ", " + options.precision().kerasName() + " ("
                + Formats.quantity(options.precision().bytes(), "byte") + " a value)"
                + (options.stepsForUnknownSizes() == null ? "" : ", open sizes (None) counted as "
                        + Formats.count(options.stepsForUnknownSizes()))
                + "; " + ByteSize.UNITS);
        out.println();
        Set<String> unknown = model.layersOfUnknownShape();
        printLayers(plan, unknown);
        List<String> lambdas = model.lambdasNotRun();
        if (!lambdas.isEmpty()) {
            out.println();
            out.println("Lambda layers without a Java replacement (planned, not run): " + String.join(", ", lambdas)
                    + (unknown.isEmpty() ? "" : "; where Keras recorded no output shape (shape '?'), each is taken "
                            + "to keep its input's shape, and so are the sizes after it"));
        }
        if (!plan.complete()) {
            out.println();
            out.println(Formats.quantity(plan.layersOfUnknownSize().size(), "layer") + " with a size the model "
                    + "leaves open (None) left out of the totals, which are a lower bound.");
            for (LayerMemory input : plan.inputsOfOpenSize()) {
                List<Long> shape = new ArrayList<>();
                shape.add(null);
                shape.addAll(input.outputShape());
                List<String> sizes = input.outputShape().stream().map(size -> size == null ? "N" : size.toString()).toList();
                out.println("The inference and training totals need the open sizes of input '" + input.name() + "' "
                        + Formats.declaredShape(shape) + ":");
                out.println("  give them with --input-shape " + input.name() + "=" + String.join(",", sizes)
                        + " (every size after the batch).");
            }
            out.println("Or give --steps N to count N for every open size.");
        }
        out.println();
        printTotals(plan);
        out.println();
        printDl4j(plan, dl4j);
    }

    private void printLayers(MemoryPlan plan, Set<String> unknownShapes) {
        TextTable table = new TextTable().left("layer").left("class").left("output shape").right("values/example")
                .right("activations").right("working (train)").right("parameters").left("note");
        for (LayerMemory layer : plan.layers()) {
            List<Long> shape = new ArrayList<>();
            shape.add(null); // the batch, as Keras's summary shows it
            shape.addAll(layer.outputShape());
            table.row(layer.name(), layer.className(), Formats.declaredShape(shape)
                            + (unknownShapes.contains(layer.name()) ? " ?" : ""),
                    layer.valuesPerExample() == null ? UNKNOWN : Formats.count(layer.valuesPerExample()),
                    layer.activationBytes() == null ? UNKNOWN : human(layer.activationBytes()),
                    layer.trainingWorkingBytes() == null ? UNKNOWN
                            : layer.trainingWorkingBytes() == 0 ? "-" : human(layer.trainingWorkingBytes()),
                    Formats.count(layer.parameters()), note(layer));
        }
        table.print(out);
    }

    private static String note(LayerMemory layer) {
        List<String> notes = new ArrayList<>();
        if (layer.viewOf() != null) {
            notes.add("shares " + layer.viewOf() + "'s memory" + (layer.ownMemoryInTraining() ? " at inference" : ""));
        }
        if (!layer.sizeKnown()) notes.add("size open (None)");
        if (layer.stepsAssumed()) notes.add("None counted as --steps");
        return String.join("; ", notes);
    }

    private void printTotals(MemoryPlan plan) {
        InferencePeak peak = plan.inference().peak();
        MemoryPlan.Training training = plan.training();
        String optimizer = plan.options().optimizer().cliName();
        int copies = plan.options().optimizer().stateCopies();
        Lines lines = new Lines();
        lines.heading("Inference: " + human(plan.inferenceBytes()));
        lines.add("activations alive at the peak", peak.activationBytes(), peak.atLayer() == null ? ""
                : "while " + peak.atLayer() + " runs: " + String.join(", ", peak.alive()));
        lines.add("parameters", plan.inference().parameterBytes(), Formats.count(plan.parameters()));
        lines.add("working memory", plan.inference().workingBytes(), working(plan, plan.inference().workingLayer()));
        lines.heading("Training with " + optimizer + ": " + human(plan.trainingBytes()));
        lines.add("activations kept for backprop", training.activationBytes(), "");
        lines.add("their gradients", training.activationGradientBytes(), "none for the model inputs");
        lines.add("parameters", training.parameterBytes(), "");
        lines.add("parameter gradients", training.parameterGradientBytes(),
                Formats.count(plan.trainableParameters()) + " trainable");
        lines.add("optimizer state", training.optimizerStateBytes(),
                optimizer + ": " + Formats.quantity(copies, "value") + " per trainable parameter");
        lines.add("working memory", training.workingBytes(), working(plan, training.workingLayer()));
        lines.print(out);
        printWrapped("", "", "Working memory: the scratch arrays of the layer needing most while it runs (one layer"
                + " runs at a time), as DL4J allocates them; training needs more (a convolution builds its im2col"
                + " array again in backprop, an LSTM keeps its gate arrays for every step).");
    }

    /** @return which layer's scratch arrays the working memory is, and what they are */
    private static String working(MemoryPlan plan, String layerName) {
        if (layerName == null) return "no layer needs scratch arrays";
        LayerMemory layer = plan.layers().stream().filter(candidate -> candidate.name().equals(layerName))
                .findFirst().orElseThrow();
        return layerName + "'s " + layer.workingMemoryContents();
    }

    private void printDl4j(MemoryPlan plan, Dl4jMemoryEstimate dl4j) {
        out.println("DL4J's own estimate (ComputationGraphConfiguration.getMemoryReport), same batch, type and optimizer:");
        if (!dl4j.available()) {
            out.println("  not available: " + CommandLineTerms.of(dl4j.unavailableReason()));
            return;
        }
        TextTable table = new TextTable().left("").right("kinspect").right("DL4J");
        table.row("inference", human(plan.inferenceBytes()), human(dl4j.inferenceBytes()));
        table.row("training", human(plan.trainingBytes()), human(dl4j.trainingBytes()));
        table.row("parameters", human(plan.inference().parameterBytes()), human(dl4j.parameterBytes()));
        table.row("activations (inference)", human(plan.inference().peak().activationBytes()),
                human(dl4j.activationBytes()));
        table.row("working memory (inference)", human(plan.inference().workingBytes()), human(dl4j.inferenceWorkingBytes()));
        table.row("activation gradients", human(plan.training().activationGradientBytes()),
                human(dl4j.activationGradientBytes()));
        table.row("optimizer state", human(plan.training().optimizerStateBytes()), human(dl4j.updaterStateBytes()));
        table.row("working memory (training)", human(plan.training().workingBytes()), human(dl4j.trainingWorkingBytes()));
        table.print(out);
        if (!dl4j.verticesWithoutReport().isEmpty()) {
            printWrapped("", "  ", "DL4J has no report for " + String.join(", ", dl4j.verticesWithoutReport())
                    + ", left out of its numbers.");
        }
        out.println("Where they differ:");
        for (String difference : Dl4jMemoryEstimate.DIFFERENCES) {
            printWrapped("  - ", "    ", difference);
        }
    }

    /** Prints text in lines of at most {@link #WIDTH} characters, broken between words. */
    private void printWrapped(String firstIndent, String indent, String text) {
        StringBuilder line = new StringBuilder(firstIndent);
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > indent.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            } else if (line.length() > indent.length() && !line.toString().endsWith(" ")) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line.toString().stripTrailing());
    }

    /** Headed groups of "label  size  note" lines, sizes aligned across all groups. */
    private static final class Lines {
        private final List<String[]> rows = new ArrayList<>();

        void heading(String text) {
            rows.add(new String[] {text});
        }

        void add(String label, long bytes, String note) {
            rows.add(new String[] {label, human(bytes), note});
        }

        void print(PrintWriter out) {
            int labelWidth = rows.stream().filter(row -> row.length > 1).mapToInt(row -> row[0].length()).max().orElse(0);
            int sizeWidth = rows.stream().filter(row -> row.length > 1).mapToInt(row -> row[1].length()).max().orElse(0);
            for (String[] row : rows) {
                if (row.length == 1) {
                    out.println(row[0]);
                } else {
                    out.println(String.format(Locale.ROOT, "  %-" + labelWidth + "s  %" + sizeWidth + "s  %s",
                            row[0], row[1], row[2]).stripTrailing());
                }
            }
        }
    }
}
