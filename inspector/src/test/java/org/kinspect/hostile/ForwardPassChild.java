package org.kinspect.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one forward pass of every model file in a folder, in a JVM of its own: native code that
 * crashes on a fuzzed model takes this process down, not the test suite. Each file gets a line
 * {@code START name} before it is touched, so the parent knows which file a crash came from, and
 * then one of {@code RAN}, {@code REFUSED} (a {@link KinspectException}), {@code SKIPPED} or
 * {@code BROKEN} (any other exception: a bug).
 *
 * <pre>{@code
 * java -cp TEST_CLASSPATH org.kinspect.hostile.ForwardPassChild FOLDER
 * }</pre>
 */
public final class ForwardPassChild {
    /** Inputs larger than this are not built: the point is the model, not the machine's memory. */
    private static final long MAX_INPUT_VALUES = 10_000_000;

    private ForwardPassChild() {}

    public static void main(String[] arguments) throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(arguments[0]))) {
            files = listing.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            System.out.println("START " + name);
            System.out.flush();
            System.out.println(run(file).replace('\n', ' ') + " " + name);
            System.out.flush();
        }
        System.out.println("FINISHED");
        System.out.flush();
        System.exit(0); // a run that overran its time limit may have left a thread behind
    }

    private static String run(Path file) {
        try {
            InspectedModel model = InspectedModel.open(file);
            Map<String, INDArray> inputs = new LinkedHashMap<>();
            for (String input : model.inputNames()) {
                long[] declared = model.expectedInputShape(input);
                if (declared == null) {
                    return "SKIPPED (no declared input shape)";
                }
                long[] shape = declared.clone();
                shape[0] = 2;
                long values = 1;
                for (int axis = 0; axis < shape.length; axis++) {
                    if (shape[axis] < 0) {
                        shape[axis] = 3;
                    }
                    values *= Math.max(1, shape[axis]);
                }
                if (values > MAX_INPUT_VALUES) {
                    return "SKIPPED (input of " + values + " values)";
                }
                Nd4j.getRandom().setSeed(7);
                inputs.put(input, Nd4j.rand(shape));
            }
            model.activations(inputs);
            return "RAN";
        } catch (KinspectException e) {
            return e.getMessage() != null && e.getMessage().contains("\n") ? "BROKEN (a message of several lines)"
                    : "REFUSED";
        } catch (Throwable e) {
            return "BROKEN " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
