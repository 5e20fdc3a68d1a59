package org.kinspect.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kinspect.ImportOptions;
import org.kinspect.InspectedModel;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Custom Keras objects made with the real Keras 3 (make_custom.py): an unknown initializer imports
 * with one warning, or is refused when strict; a registered Java one reproduces the untrained
 * weights Keras drew; a registered custom layer and Lambda replacements import and match Keras.
 */
class CustomObjectsTest {
    private static final CustomObjects SMALL_POSITIVE = CustomObjects.none().withInitializer("MyPkg>SmallPositive",
            config -> new SmallPositive(KerasConfigValues.number(config, "scale", 0.01)));

    @ParameterizedTest
    @ValueSource(strings = {"custom_initializer.keras", "custom_initializer.h5"})
    void anUnknownInitializerImportsWithOneWarningNamingItsUses(String file) {
        InspectedModel model = InspectedModel.open(fixture(file));
        assertEquals(1, model.warnings().size(), model.warnings().toString());
        String warning = model.warnings().get(0);
        assertTrue(warning.contains("'MyPkg>SmallPositive'") && warning.contains("lstm.kernel_initializer")
                && warning.contains("lstm.recurrent_initializer") && warning.contains("dense.kernel_initializer"),
                warning);
        assertFalse(warning.contains("\n"));
        assertMatchesKeras(model, "custom_initializer_io.h5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom_initializer.keras", "custom_initializer.h5"})
    void strictRefusesAnUnknownInitializerInOneLine(String file) {
        KinspectException refused = assertThrows(KinspectException.class,
                () -> InspectedModel.open(fixture(file), ImportOptions.defaults().withStrict(true)));
        assertTrue(refused.getMessage().contains("MyPkg>SmallPositive"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom_initializer.keras", "custom_initializer.h5"})
    void aRegisteredInitializerReproducesTheUntrainedWeightsKerasDrew(String file) {
        InspectedModel model = InspectedModel.open(fixture(file),
                ImportOptions.defaults().withCustomObjects(SMALL_POSITIVE).withStrict(true));
        assertEquals(List.of(), model.warnings());
        InspectedModel fresh = model.reinitialized(3);
        assertEquals(List.of(), fresh.warnings());
        for (String layer : List.of("lstm", "dense")) {
            Map<String, INDArray> stored = model.weights(layer);
            Map<String, INDArray> redrawn = fresh.weights(layer);
            assertEquals(stored.keySet(), redrawn.keySet());
            for (String weight : stored.keySet()) {
                assertTrue(stored.get(weight).equalsWithEps(redrawn.get(weight), 1e-7), layer + "." + weight);
            }
        }
        // The redrawn weights are in the DL4J graph too (gate order and all): it computes what Keras did.
        assertMatchesKeras(fresh, "custom_initializer_io.h5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom_layer.keras", "custom_layer.h5"})
    void anUnregisteredCustomLayerIsRefusedNamingTheLayerAndHowToRegisterIt(String file) {
        KinspectException refused = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(file)));
        String message = refused.getMessage();
        assertTrue(message.contains("'scale_shift'") && message.contains("ScaleShift")
                && message.contains("CustomObjects.withLayer"), message);
        assertFalse(message.contains("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom_layer.keras", "custom_layer.h5"})
    void aRegisteredCustomLayerImportsAndMatchesKeras(String file) {
        CustomObjects custom = CustomObjects.none().withLayer("MyPkg>ScaleShift", KerasScaleShift.class);
        InspectedModel model = InspectedModel.open(fixture(file), ImportOptions.defaults().withCustomObjects(custom));
        assertEquals(List.of(), model.warnings());
        assertMatchesKeras(model, "custom_layer_io.h5");
        // Registrations last for their own import only.
        assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(file)));
    }

    /** A plugin's mapper that says its layer has no parameters, though its DL4J layer has two. */
    public static class UncountedScaleShift extends KerasScaleShift {
        public UncountedScaleShift(java.util.Map<String, Object> layerConfig) throws Exception {
            super(layerConfig);
        }

        @Override
        public int getNumParams() {
            return 0;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom_layer.keras", "custom_layer.h5"})
    void aMapperThatCountsNoParametersDoesNotLeaveThemZero(String file) {
        CustomObjects custom = CustomObjects.none().withLayer("MyPkg>ScaleShift", UncountedScaleShift.class);
        KinspectException refused = assertThrows(KinspectException.class,
                () -> InspectedModel.open(fixture(file), ImportOptions.defaults().withCustomObjects(custom)));
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem());
        assertTrue(refused.getMessage().contains("would get no weight from the file; refusing to compute with zeros"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("cannot import layer 'scale_shift' ("), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lambda.keras", "lambda.h5"})
    void aLambdaIsNeverRunAndTheErrorSaysWhichLayerAndFunction(String file) {
        KinspectException refused = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(file)));
        String message = refused.getMessage();
        assertTrue(message.contains("'doubled'") && message.contains("'double_it'")
                && message.contains("CustomObjects.withLambda(\"doubled\""), message);
        assertFalse(message.contains("\n"));
        CustomObjects doubledOnly = CustomObjects.none().withLambda("double_it", new AffineLambda(2, 0));
        KinspectException second = assertThrows(KinspectException.class, () -> InspectedModel.open(fixture(file),
                ImportOptions.defaults().withCustomObjects(doubledOnly)));
        assertTrue(second.getMessage().contains("'plus_one'") && second.getMessage().contains("<lambda>"),
                second.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lambda.keras", "lambda.h5"})
    void registeredLambdaReplacementsImport(String file) {
        CustomObjects custom = CustomObjects.none()
                .withLambda("double_it", new AffineLambda(2, 0))   // by the Python function's name
                .withLambda("plus_one", new AffineLambda(1, 1));   // by the layer's name
        InspectedModel model = InspectedModel.open(fixture(file), ImportOptions.defaults().withCustomObjects(custom));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, -2, 0.5f, 3}});
        INDArray expected = x.mul(2).add(1);
        assertTrue(expected.equalsWithEps(model.activation("plus_one", Map.of("features", x)), 1e-6));
    }

    static void assertMatchesKeras(InspectedModel model, String referenceFile) {
        KerasReference reference = KerasReference.read(fixture(referenceFile));
        Map<String, INDArray> ours = model.activations(reference.inputs());
        for (var expected : reference.activations().entrySet()) {
            LayerComparison comparison = LayerComparison.compare(expected.getKey(), ours.get(expected.getKey()),
                    expected.getValue(), 1e-5);
            assertTrue(comparison.matches(), expected.getKey() + " max abs error " + comparison.maxAbsoluteError());
        }
    }

    static Path fixture(String fileName) {
        try {
            return Path.of(CustomObjectsTest.class.getResource("/custom/" + fileName).toURI());
        } catch (Exception e) {
            throw new AssertionError("no fixture " + fileName, e);
        }
    }
}
