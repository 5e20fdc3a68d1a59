package org.kinspect.samples;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.KerasConfigValues;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.inspect.KerasReference;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Custom Keras objects: a custom initializer and a custom layer, implemented in Java and registered.
 *
 * <p>The two Keras 3 models beside this sample use the objects of {@code models/my_objects.py}:
 * <ul>
 * <li>{@code custom_layer.keras}: {@code features} (4) -> {@code dense} Dense(3) -> {@code scale_shift}, the
 *     registered custom layer {@code MyPkg>ScaleShift} ({@code y = x * scale + shift}, per feature, with two
 *     trained weights). DL4J knows no such layer: without a Java implementation the import is refused.</li>
 * <li>{@code custom_initializer.keras}: {@code signal} (6 steps x 4) -> {@code lstm} LSTM(5) -> {@code dense}
 *     Dense(3), whose kernels use the registered initializer {@code MyPkg>SmallPositive}, left untrained so
 *     that the stored weights are exactly what the initializer drew. Without a Java implementation the model
 *     still imports (the weights in the file are used) with one warning; with one, the model can be
 *     re-initialised ({@code model.reinitialized(seed)}) and Keras's untrained weights come back.</li>
 * </ul>
 * It prints the custom layer's output for Keras's reference batch, and the outputs of the re-initialised
 * model, both beside what Keras computed ({@code custom_layer_io.h5}, {@code custom_initializer_io.h5}).
 *
 * <pre>
 * javac -cp cli/target/kinspect.jar -d target/samples samples/java/src/main/java/org/kinspect/samples/*.java
 * java -cp cli/target/kinspect.jar:target/samples org.kinspect.samples.CustomObjectsSample samples/models
 * </pre>
 */
public final class CustomObjectsSample {

    private CustomObjectsSample() {}

    /** @param args the folder holding custom_layer.keras, custom_initializer.keras and their _io.h5 */
    public static void main(String[] args) {
        Path models = Path.of(args.length > 0 ? args[0] : "samples/models");

        // What we register, by the name Keras 3 saved them under (package>class, from
        // @register_keras_serializable(package="MyPkg")). The initializer is made from its saved config
        // ({"scale": 0.02}), the way Keras calls from_config; the layer by DL4J's mapper class.
        CustomObjects custom = CustomObjects.none()
                .withInitializer("MyPkg>SmallPositive",
                        config -> new SmallPositive(KerasConfigValues.number(config, "scale", 0.01)))
                .withLayer("MyPkg>ScaleShift", KerasScaleShift.class);
        ImportOptions options = ImportOptions.defaults().withCustomObjects(custom).withStrict(true);

        // 1. The custom layer imports and runs.
        InspectedModel layerModel = InspectedModel.open(models.resolve("custom_layer.keras"), options);
        KerasReference layerReference = KerasReference.read(models.resolve("custom_layer_io.h5"));
        System.out.println("custom_layer.keras: " + layerModel.layerNames());
        // Its trained weights, as the file stores them (a .keras file names a custom layer's weights by position).
        layerModel.weights("scale_shift").forEach((name, values) ->
                System.out.println("scale_shift weight " + name + ": " + row(values)));
        Map<String, INDArray> layerOutputs = layerModel.activations(layerReference.inputs());
        printBeside("scale_shift", layerOutputs.get("scale_shift"), layerReference.activations().get("scale_shift"));

        // 2. The custom initializer: the model re-initialised with it draws Keras's untrained weights again.
        InspectedModel trained = InspectedModel.open(models.resolve("custom_initializer.keras"), options);
        InspectedModel fresh = trained.reinitialized(42);
        System.out.println("custom_initializer.keras, reinitialized(42), warnings: " + fresh.warnings());
        for (String layer : new String[] {"lstm", "dense"}) {
            for (var weight : trained.weights(layer).entrySet()) {
                INDArray redrawn = fresh.weights(layer).get(weight.getKey());
                double difference = redrawn.sub(weight.getValue()).amaxNumber().doubleValue();
                System.out.printf(Locale.ROOT, "%s.%s %s: first values %s, max |redrawn - stored| %.1e%n",
                        layer, weight.getKey(), java.util.Arrays.toString(redrawn.shape()),
                        row(redrawn.reshape(-1).get(NDArrayIndex.interval(0, Math.min(7, redrawn.length())))),
                        difference);
            }
        }
        KerasReference initializerReference = KerasReference.read(models.resolve("custom_initializer_io.h5"));
        Map<String, INDArray> freshOutputs = fresh.activations(initializerReference.inputs());
        printBeside("dense", freshOutputs.get("dense"), initializerReference.activations().get("dense"));
    }

    /** Prints our output and Keras's, one example per line, and the largest difference. */
    private static void printBeside(String layer, INDArray ours, INDArray keras) {
        System.out.println(layer + " output " + java.util.Arrays.toString(ours.shape()) + " (kinspect | Keras):");
        for (int example = 0; example < ours.rows(); example++) {
            System.out.println("  " + layer + "[" + example + "] " + row(ours.getRow(example)) + " | "
                    + row(keras.getRow(example)));
        }
        System.out.printf(Locale.ROOT, "%s max |kinspect - Keras| %.1e%n", layer,
                ours.sub(keras.castTo(ours.dataType())).amaxNumber().doubleValue());
    }

    private static String row(INDArray values) {
        StringBuilder text = new StringBuilder();
        for (long i = 0; i < values.length(); i++) {
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.6f", values.getDouble(i)));
        }
        return text.toString();
    }

    /**
     * {@code MyPkg>SmallPositive} in Java: {@code scale * (1 + (i mod 7))} for the i-th value in row-major
     * order, as {@code my_objects.py} computes it. kinspect hands it the weight's shape as Keras has it
     * (an LSTM kernel {@code (inputs, 4 * units)}, gates i, f, c, o) and converts the result to DL4J's layout
     * itself, so this is written exactly like the Python. It is deterministic, so it ignores the random
     * source; a random initializer draws from it, so that the same seed draws the same weights again.
     */
    public record SmallPositive(double scale) implements KerasInitializer {
        @Override
        public INDArray create(long[] shape, Random random) {
            INDArray values = Nd4j.create(DataType.FLOAT, shape);
            for (long i = 0; i < values.length(); i++) {
                values.putScalar(i, (float) (scale * (1 + i % 7)));
            }
            return values;
        }
    }

    /**
     * DL4J's import mapper for {@code MyPkg>ScaleShift}: DL4J makes one per Keras layer, by reflection, with
     * the layer's config (hence public, with this constructor). It builds the DL4J layer and takes the Keras
     * weights: in a {@code .keras} file a custom layer's weights are stored by position ({@code "0"} is
     * {@code scale}, {@code "1"} is {@code shift}, in the order {@code build} added them), in a {@code .h5} by
     * name. DL4J keeps them as (1, features) rows.
     */
    public static class KerasScaleShift extends KerasLayer {

        public KerasScaleShift(Map<String, Object> layerConfig)
                throws InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
            super(layerConfig, false);
            ScaleShiftLayer scaleShift = new ScaleShiftLayer();
            scaleShift.setLayerName(layerName); // so that the layer is found by its Keras name
            this.layer = scaleShift;
        }

        @Override
        public InputType getOutputType(InputType... inputType) {
            return inputType[0]; // element-wise: the output has the input's shape
        }

        @Override
        public int getNumParams() {
            return 2;
        }

        /** DL4J's SameDiff layers check a parameter's shape in setParam but do not copy it: assign into the views. */
        @Override
        public void copyWeightsToLayer(org.deeplearning4j.nn.api.Layer dl4jLayer) {
            weights.forEach((name, values) -> dl4jLayer.paramTable().get(name).assign(values));
        }

        @Override
        public void setWeights(Map<String, INDArray> kerasWeights) {
            this.weights = new HashMap<>();
            this.weights.put("scale", kerasWeights.getOrDefault("scale", kerasWeights.get("0")).reshape(1, -1));
            this.weights.put("shift", kerasWeights.getOrDefault("shift", kerasWeights.get("1")).reshape(1, -1));
        }
    }

    /**
     * The layer itself, in DL4J: a SameDiff layer computing {@code x * scale + shift}. DL4J copies layer
     * configurations through JSON, so it is a public class with a no-argument constructor and a getter and
     * setter for its one setting, the number of features (known once DL4J tells it the input type).
     */
    public static class ScaleShiftLayer extends SameDiffLayer {
        private long features;

        public ScaleShiftLayer() {}

        @Override
        public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                SDVariable mask) {
            return input.mul(params.get("scale")).add(params.get("shift"));
        }

        @Override
        public void defineParameters(SDLayerParams params) {
            params.addWeightParam("scale", 1, features);
            params.addBiasParam("shift", 1, features);
        }

        /** Only used when DL4J initialises the layer itself; an import then overwrites them with Keras's. */
        @Override
        public void initializeParameters(Map<String, INDArray> params) {
            params.get("scale").assign(1);
            params.get("shift").assign(0);
        }

        @Override
        public InputType getOutputType(int layerIndex, InputType inputType) {
            return inputType;
        }

        @Override
        public void setNIn(InputType inputType, boolean override) {
            if (features == 0 || override) {
                features = ((InputType.InputTypeFeedForward) inputType).getSize();
            }
        }

        public long getFeatures() {
            return features;
        }

        public void setFeatures(long features) {
            this.features = features;
        }
    }
}
