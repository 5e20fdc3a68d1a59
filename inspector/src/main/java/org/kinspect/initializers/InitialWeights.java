package org.kinspect.initializers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.kinspect.config.LayerSpec;
import org.kinspect.config.ModelSpec;
import org.kinspect.custom.CustomObjects;
import org.kinspect.custom.InitializerSpec;
import org.kinspect.custom.KerasConfigValues;
import org.kinspect.custom.KerasInitializer;
import org.kinspect.file.LayerWeights;
import org.kinspect.file.WeightStore;
import org.kinspect.file.WeightTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's weights drawn afresh from its layers' initializers, in Keras's shapes and layouts, as
 * Keras would draw them for an untrained model. They go into a DL4J graph by the same way as the
 * file's weights, so DL4J's layouts (gate order, kernel axes) come out right without each
 * initializer knowing them.
 *
 * <pre>{@code
 * InitialWeights initial = InitialWeights.draw(spec, archive.weights(), CustomObjects.none(), 42);
 * initial.weights();       // a WeightStore shaped like the file's
 * initial.keptWeights();   // [scale_shift.scale: no initializer kinspect can re-create ...]
 * }</pre>
 *
 * @param weights the drawn weights (weights with no initializer to draw from keep their values)
 * @param keptWeights one line for each weight that kept its value, and why
 */
public record InitialWeights(WeightStore weights, List<String> keptWeights) {
    /** How the path of a drawn weight starts: it was not read from the file (see {@code ParameterProvenance}). */
    public static final String DRAWN = "(drawn from its Keras initializer";

    public InitialWeights {
        keptWeights = List.copyOf(keptWeights);
    }

    /**
     * @param spec the model
     * @param stored the weights the file holds: they give each weight's shape
     * @param custom registered custom initializers
     * @param seed the seed; an initializer with its own {@code seed} uses that instead
     * @return the new weights
     */
    public static InitialWeights draw(ModelSpec spec, WeightStore stored, CustomObjects custom, long seed) {
        InitializerResolver resolver = new InitializerResolver(custom, spec.kerasMajorVersion());
        Map<String, LayerWeights> drawn = new LinkedHashMap<>();
        List<String> kept = new ArrayList<>();
        for (LayerWeights layer : stored.layers().values()) {
            Optional<LayerSpec> layerSpec = spec.layer(layer.layerName());
            List<WeightTensor> tensors = new ArrayList<>();
            for (WeightTensor tensor : layer.tensors()) {
                Optional<INDArray> values = layerSpec.flatMap(found -> drawOne(found, tensor, resolver, spec, seed));
                if (values.isEmpty()) {
                    kept.add(layer.layerName() + "." + tensor.name() + ": no initializer kinspect can re-create;"
                            + " it keeps the file's values");
                }
                tensors.add(values.isPresent()
                        ? new WeightTensor(tensor.name(), DRAWN + ", seed " + seed + "; " + tensor.path() + " in the file)",
                                values.get())
                        : tensor);
            }
            drawn.put(layer.layerName(), new LayerWeights(layer.layerName(), tensors));
        }
        return new InitialWeights(new WeightStore(drawn), kept);
    }

    private static Optional<INDArray> drawOne(LayerSpec layer, WeightTensor tensor, InitializerResolver resolver,
            ModelSpec spec, long seed) {
        Map<String, Object> config = layer.config();
        String weightName = tensor.name();
        // A Bidirectional wrapper's halves: forward_kernel is the wrapped layer's kernel.
        for (String half : new String[] {"forward_", "backward_"}) {
            if (weightName.startsWith(half)) {
                weightName = weightName.substring(half.length());
                String wrappedField = half.equals("backward_") && config.get("backward_layer") != null
                        ? "backward_layer" : "layer";
                config = wrappedConfig(config, wrappedField).orElse(config);
            }
        }
        Map<String, Object> owner = config;
        String field = InitializerFieldNames.of(weightName, spec.kerasMajorVersion());
        if (!owner.containsKey(field)) {
            // TimeDistributed(Dense): the wrapped layer holds the initializers.
            owner = wrappedConfig(config, "layer").filter(inner -> inner.containsKey(field)).orElse(config);
        }
        Object value = owner.containsKey(field) ? owner.get(field)
                : InitializerFieldNames.keras1Default(weightName, spec.kerasMajorVersion());
        Optional<InitializerSpec> initializer = InitializerSpec.of(value);
        if (initializer.isEmpty()) {
            return Optional.empty();
        }
        Function<long[], Fans> fans = "th".equals(owner.get("dim_ordering")) ? Fans::ofChannelsFirst : Fans::of;
        Optional<KerasInitializer> resolved = resolver.resolve(initializer.get(), fans);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Long ownSeed = KerasConfigValues.wholeNumber(initializer.get().config(), "seed");
        long weightSeed = ownSeed != null ? ownSeed : seed * 31 + (layer.name() + "/" + tensor.name()).hashCode();
        INDArray values = resolved.get().create(tensor.shape(), new Random(weightSeed));
        if (weightName.equals("bias") && Boolean.TRUE.equals(owner.get("unit_forget_bias"))) {
            forgetGateOnes(values);
        }
        return Optional.of(values);
    }

    /** Keras's LSTM adds 1 to its forget gate's bias (gates i, f, c, o) when {@code unit_forget_bias}. */
    private static void forgetGateOnes(INDArray bias) {
        long units = bias.length() / 4;
        for (long i = units; i < 2 * units; i++) {
            bias.putScalar(i, 1.0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> wrappedConfig(Map<String, Object> config, String field) {
        if (config.get(field) instanceof Map<?, ?> wrapped && wrapped.get("config") instanceof Map<?, ?> inner) {
            return Optional.of((Map<String, Object>) inner);
        }
        return Optional.empty();
    }
}
