package org.kinspect.gates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kinspect.InspectedModel;
import org.kinspect.ModelInternals;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every gate trace kinspect computes against the traces {@code make_gate_fixtures.py} derived with
 * numpy from the Keras weights (after checking numpy's output against Keras's own layer output):
 * LSTM, Keras 3 hard_sigmoid read backwards, GRU with and without {@code reset_after}, SimpleRNN,
 * Bidirectional LSTM, an LSTM masked by an Embedding and one started from other layers' states.
 */
class GateTracesTest {
    private static final double TOLERANCE = 1e-5;
    private static final List<String> CASES = List.of("lstm", "lstm_backwards_hard_sigmoid", "gru", "gru_reset_before",
            "simple_rnn", "bidirectional_lstm", "masked_lstm", "lstm_initial_state");

    @TestFactory
    Stream<DynamicTest> everyTraceMatchesNumpysDerivationFromTheKerasWeights() {
        return CASES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Fixture fixture = Fixture.read(name);
            InspectedModel model = InspectedModel.open(resource(name + ".keras"));
            KerasReference reference = KerasReference.read(resource(name + "_io.h5"));
            GateTraces traces = model.gates(reference.inputs(), fixture.layer());
            // on these small layers the graph's float32 output is the traces' within 1e-6
            assertTrue(traces.outputDifference() <= 1e-6, name + ": " + traces.outputDifference());
            assertEquals(List.copyOf(fixture.traces().keySet()).stream().sorted().toList(),
                    traces.traces().keySet().stream().sorted().toList(), name + ": trace names");
            fixture.traces().forEach((trace, expected) -> assertClose(expected, traces.trace(trace),
                    name + " " + fixture.layer() + "." + trace));
        }));
    }

    @Test
    void tracesComeInKerasGateOrderWithDirectionPrefixes() throws Exception {
        KerasReference reference = KerasReference.read(resource("bidirectional_lstm_io.h5"));
        GateTraces traces = InspectedModel.open(resource("bidirectional_lstm.keras")).gates(reference.inputs(), "bi");
        assertEquals(List.of("forward_i", "forward_f", "forward_g", "forward_o", "forward_c", "forward_h",
                "backward_i", "backward_f", "backward_g", "backward_o", "backward_c", "backward_h"),
                List.copyOf(traces.traces().keySet()));
        assertEquals(List.of("forward_", "backward_"), traces.directions());
        assertEquals("LSTM", traces.cell());
    }

    @Test
    void maskedStepsHaveNoGatesAndKeepTheirStates() throws Exception {
        KerasReference reference = KerasReference.read(resource("masked_lstm_io.h5"));
        GateTraces traces = InspectedModel.open(resource("masked_lstm.keras")).gates(reference.inputs(), "lstm");
        // the second sequence has 2 tokens, then padding
        assertTrue(Double.isNaN(traces.trace("f").getDouble(1, 4, 0)));
        assertFalse(Double.isNaN(traces.trace("f").getDouble(1, 1, 0)));
        assertEquals(traces.trace("c").getDouble(1, 1, 2), traces.trace("c").getDouble(1, 6, 2), 0.0);
    }

    @Test
    void aLayerThatIsNotARecurrentLayerIsRefusedByName() throws Exception {
        KerasReference reference = KerasReference.read(resource("lstm_io.h5"));
        InspectedModel model = InspectedModel.open(resource("lstm.keras"));
        KinspectException refused = assertThrows(KinspectException.class, () -> model.gates(reference.inputs(), "proj"));
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem());
        assertTrue(refused.getMessage().contains("'proj' (Dense)"), refused.getMessage());
    }

    @Test
    void aConvolutionalLstmIsRefusedByName() throws Exception {
        Path file = Path.of(GateTracesTest.class.getResource("/layers/conv_lstm.keras").toURI());
        KerasReference reference = KerasReference.read(Path.of(GateTracesTest.class.getResource("/layers/conv_lstm_io.h5").toURI()));
        InspectedModel model = InspectedModel.open(file);
        String convLstm = ModelInternals.spec(model).layers().stream().filter(layer -> layer.className().equals("ConvLSTM2D"))
                .findFirst().orElseThrow().name();
        KinspectException refused = assertThrows(KinspectException.class, () -> model.gates(reference.inputs(), convLstm));
        assertEquals(KinspectException.Problem.UNSUPPORTED, refused.problem());
        assertTrue(refused.getMessage().contains("'" + convLstm + "' (ConvLSTM2D)"), refused.getMessage());
    }

    @Test
    void theOutputCheckSeesADifferenceAndANaN() {
        INDArray want = Nd4j.createFromArray(0.5, 2.0);
        assertEquals(0.0, GateTracer.worstDifference(want, want.dup()), 0.0);
        assertEquals(1e-3, GateTracer.worstDifference(want, Nd4j.createFromArray(0.501, 2.0)), 1e-9);
        // relative beyond magnitude 1: 0.02 off 2.0 is 1%
        assertEquals(0.01, GateTracer.worstDifference(want, Nd4j.createFromArray(0.5, 2.02)), 1e-3);
        assertTrue(Double.isNaN(GateTracer.worstDifference(want, Nd4j.createFromArray(0.5, Double.NaN))));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(List.of(toList(expected.shape())), List.of(toList(actual.shape())), what + ": shape");
        double[] want = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] got = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int k = 0; k < want.length; k++) {
            if (Double.isNaN(want[k]) || Double.isNaN(got[k])) {
                assertEquals(Double.isNaN(want[k]), Double.isNaN(got[k]), what + " at " + k + ": masked step differs");
            } else {
                assertEquals(want[k], got[k], TOLERANCE, what + " at flat index " + k);
            }
        }
    }

    private static List<Long> toList(long[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GateTracesTest.class.getResource("/gates/" + name).toURI());
    }

    /** A {@code NAME_gates.h5}: the traced layer and its traces by name. */
    private record Fixture(String layer, Map<String, INDArray> traces) {
        static Fixture read(String name) throws URISyntaxException {
            try (HdfFile file = new HdfFile(resource(name + "_gates.h5"))) {
                String layer = (String) file.getAttribute("layer").getData();
                Map<String, INDArray> traces = new LinkedHashMap<>();
                Group group = (Group) file.getChild(layer);
                group.getChildren().forEach((trace, node) -> {
                    Dataset dataset = (Dataset) node;
                    traces.put(trace, Nd4j.create((float[]) dataset.getDataFlat(), dataset.getDimensionsAsLong(), 'c'));
                });
                return new Fixture(layer, traces);
            }
        }
    }
}
