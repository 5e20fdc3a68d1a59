package org.kinspect.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kinspect.recurrent.KerasStates.TOLERANCE;
import static org.kinspect.recurrent.KerasStates.fixture;

import io.jhdf.HdfFile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.StatefulSession;
import org.kinspect.errors.KinspectException;
import org.kinspect.inspect.KerasReference;
import org.kinspect.inspect.LayerComparison;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A stateful LSTM model run twice on the same batch. keras_reference.py recorded every layer of
 * Keras's first call ({@code activations/}, from reset states) and the model's output of its second
 * call ({@code outputs/}, which starts from the states the first call ended with).
 */
class StatefulSessionTest {
    final InspectedModel model = InspectedModel.open(fixture("stateful_lstm.keras"));
    final KerasReference reference = KerasReference.read(fixture("stateful_lstm_io.h5"));

    @Test
    void eachBatchStartsWhereThePreviousEndedAsInKeras() {
        StatefulSession session = StatefulSession.of(model);
        Map<String, INDArray> first = session.activations(reference.inputs());
        for (var expected : reference.activations().entrySet()) {
            assertTrue(LayerComparison.compare(expected.getKey(), first.get(expected.getKey()), expected.getValue(),
                    TOLERANCE).matches(), expected.getKey());
        }
        Map<String, INDArray> second = session.activations(reference.inputs());
        assertTrue(LayerComparison.compare("proj", second.get("proj"), secondCallOutput("proj"), TOLERANCE).matches());
        assertFalse(LayerComparison.compare("proj", second.get("proj"), first.get("proj"), TOLERANCE).matches());
    }

    @Test
    void aResetStartsFromZerosAgainAsActivationsDoes() {
        StatefulSession session = StatefulSession.of(model);
        session.activations(reference.inputs());
        assertEquals(4, session.states().size()); // h and c of lstm_1 and lstm_2
        session.reset();
        Map<String, INDArray> again = session.activations(reference.inputs());
        assertTrue(LayerComparison.compare("proj", again.get("proj"), model.activations(reference.inputs()).get("proj"),
                1e-7).matches());
    }

    @Test
    void aBatchOfAnotherSizeNeedsAReset() {
        StatefulSession session = StatefulSession.of(model);
        session.activations(reference.inputs());
        INDArray three = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 5, 3);
        KinspectException error = assertThrows(KinspectException.class, () -> session.activations(Map.of("seq", three)));
        assertTrue(error.getMessage().contains("reset()"), error.getMessage());
    }

    @Test
    void aModelWithoutStatefulLayersHasNoSession() {
        InspectedModel stateless = InspectedModel.open(fixture("seq2seq_lstm.keras"));
        assertThrows(KinspectException.class, () -> StatefulSession.of(stateless));
    }

    private static INDArray secondCallOutput(String name) {
        try (HdfFile file = new HdfFile(fixture("stateful_lstm_io.h5"))) {
            var dataset = file.getDatasetByPath("outputs/" + name);
            return Nd4j.create((float[]) dataset.getDataFlat(), dataset.getDimensionsAsLong(), 'c');
        }
    }
}
