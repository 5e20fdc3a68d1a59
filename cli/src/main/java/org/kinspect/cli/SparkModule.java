package org.kinspect.cli;

import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kinspect.errors.KinspectException;

/**
 * Finds the Spark module when {@code --spark} is given: its classes are on the class path only when
 * the launcher added them (it does for {@code --spark}), so the plain CLI jar stays without Spark.
 *
 * <pre>{@code
 * SparkRunner runner = SparkModule.runner();   // or one line: how to get the module
 * }</pre>
 */
final class SparkModule {

    private SparkModule() {}

    /**
     * @return the Spark module's runner
     * @throws KinspectException (unsupported, exit 5) when the module is not on the class path
     */
    static SparkRunner runner() {
        try {
            Class<?> implementation = Class.forName(SparkRunner.IMPLEMENTATION);
            return (SparkRunner) implementation.getConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw KinspectException.unsupported("--spark needs the Spark module, which this class path lacks: build it"
                    + " with `mvn -pl inspector,cli,spark package` and run cli/target/kinspect, or submit"
                    + " spark/target/kinspect-spark.jar with spark-submit");
        } catch (InstantiationException | IllegalAccessException | NoSuchMethodException e) {
            throw KinspectException.internal("the Spark module cannot be started: " + e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : KinspectException.internal("the Spark module cannot be started: " + e.getCause());
        }
    }

    /**
     * @param master the {@code --spark} value
     * @param modelFile the model
     * @param inputs the {@code --input} arguments
     * @param batchSize {@code --batch}
     * @return the job
     */
    static SparkJob job(String master, java.nio.file.Path modelFile, List<InputArgument> inputs, int batchSize) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (InputArgument input : inputs) {
            String name = input.name() == null ? "" : input.name();
            if (byName.put(name, input.file().toString()) != null) {
                throw KinspectException.input("--input " + (name.isEmpty() ? "without a name" : name)
                        + " is given twice; give each model input once");
            }
        }
        return new SparkJob(master, modelFile.toString(), byName, batchSize);
    }
}
