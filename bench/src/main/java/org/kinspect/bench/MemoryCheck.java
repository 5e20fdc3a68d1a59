package org.kinspect.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.kinspect.InspectedModel;
import org.kinspect.inspect.memory.MemoryOptions;
import org.kinspect.inspect.memory.MemoryPlan;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The measured check of the memory planner (issue 8): the planner's inference estimate for a batch against the
 * off-heap memory ND4J actually allocates running that batch through DL4J's own {@code ComputationGraph.output}.
 * {@code bench/memory.sh} runs it once per model, each in a fresh JVM.
 *
 * <pre>
 * MemoryCheck MODEL BATCH [STEPS]   # STEPS: the length given to a sequence input of unknown length
 * </pre>
 *
 * <p>Measured = DL4J's flat parameter buffer + the input and output arrays + the size of every ND4J workspace
 * after three passes with DL4J's inference workspaces on (the first pass sizes them; they hold every activation and
 * every layer's working memory). Prints {@code key=value} lines.
 */
public final class MemoryCheck {

    private MemoryCheck() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        long steps = args.length > 2 ? Long.parseLong(args[2]) : 20;
        try {
            run(file, batch, steps);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // ND4J leaves non-daemon threads behind
    }

    private static void run(Path file, int batch, long steps) throws Exception {
        InspectedModel model = InspectedModel.open(file);
        ComputationGraph graph = model.graph();
        MemoryPlan plan = model.memoryPlan(MemoryOptions.of(batch).withStepsForUnknownSizes(steps));

        INDArray[] inputs = new INDArray[model.inputNames().size()];
        long[][] shapes = new long[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            long[] shape = model.expectedInputShape(model.inputNames().get(i)).clone();
            shape[0] = batch;
            for (int axis = 1; axis < shape.length; axis++) {
                if (shape[axis] < 0) {
                    shape[axis] = steps;
                }
            }
            shapes[i] = shape;
        }
        // kinspect imports with DL4J's workspaces off (WorkspaceMode.NONE): every activation is then a separate
        // native buffer that libnd4j allocates and only the garbage collector frees, which no counter sees.
        // With inference workspaces on, DL4J puts every activation of a pass in workspaces that it sizes, after
        // a first learning pass, to what the pass needs at once, and reuses: their size is exactly measurable.
        graph.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.ENABLED);
        long physicalBefore = Pointer.physicalBytes();
        INDArray[] batchInputs = make(shapes, batch);
        INDArray[] outputs = null;
        long elapsed = 0;
        for (int pass = 0; pass < 3; pass++) { // the first pass sizes the workspaces, the next ones use them
            long start = System.nanoTime();
            outputs = graph.output(false, batchInputs);
            elapsed = System.nanoTime() - start;
        }
        long physicalAfter = Pointer.physicalBytes();
        long workspaces = 0;
        StringBuilder detail = new StringBuilder();
        for (MemoryWorkspace workspace : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            workspaces += workspace.getCurrentSize();
            detail.append(detail.length() == 0 ? "" : ",").append(workspace.getId()).append(':')
                    .append(workspace.getCurrentSize());
        }
        long inputOutputBytes = 0; // outside the workspaces: the batch given, the output returned (detached)
        for (INDArray array : batchInputs) {
            inputOutputBytes += array.length() * array.dataType().width();
        }
        for (INDArray array : outputs) {
            inputOutputBytes += array.length() * array.dataType().width();
        }
        long parameterBytes = graph.params().length() * graph.params().dataType().width();
        long measured = parameterBytes + workspaces + inputOutputBytes;
        long estimate = plan.inferenceBytes();
        System.out.println("model=" + file.getFileName());
        System.out.println("batch=" + batch);
        System.out.println("input_shapes=" + Arrays.deepToString(shapes).replace(" ", ""));
        System.out.println("output_shape=" + Arrays.toString(outputs[0].shape()).replace(" ", ""));
        System.out.println("estimate_inference_bytes=" + estimate);
        System.out.println("estimate_activation_bytes=" + plan.inference().peak().activationBytes());
        System.out.println("estimate_parameter_bytes=" + plan.inference().parameterBytes());
        System.out.println("estimate_working_bytes=" + plan.inference().workingBytes());
        System.out.println("estimate_peak_layer=" + plan.inference().peak().atLayer());
        System.out.println("measured_parameter_bytes=" + parameterBytes);
        System.out.println("measured_workspace_bytes=" + workspaces);
        System.out.println("measured_workspaces=" + detail);
        System.out.println("measured_input_output_bytes=" + inputOutputBytes);
        System.out.println("measured_inference_bytes=" + measured);
        System.out.println("rss_growth_bytes=" + (physicalAfter - physicalBefore));
        System.out.println(String.format(Locale.ROOT, "ratio_estimate_over_measured=%.3f", (double) estimate / measured));
        System.out.println(String.format(Locale.ROOT, "forward_ms=%.1f", elapsed / 1e6));
    }

    private static INDArray[] make(long[][] shapes, int batch) {
        INDArray[] arrays = new INDArray[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            long[] shape = shapes[i].clone();
            shape[0] = batch;
            arrays[i] = Nd4j.rand(shape);
        }
        return arrays;
    }

    private static long workspaceBytes() {
        long total = 0;
        for (MemoryWorkspace workspace : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            total += workspace.getCurrentSize();
        }
        return total;
    }
}
