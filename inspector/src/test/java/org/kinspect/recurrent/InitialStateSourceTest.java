package org.kinspect.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kinspect.recurrent.KerasStates.fixture;
import static org.kinspect.recurrent.KerasStates.publicModel;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.config.InitialStateSource;
import org.kinspect.config.InitialStateSource.Kind;

/** Where each recurrent layer's initial states come from, as {@code kinspect summary} shows it. */
class InitialStateSourceTest {

    @Test
    void theEncoderStartsFromZerosAndTheDecoderFromTheEncodersStates() {
        List<InitialStateSource> sources = InspectedModel.open(publicModel("udnet96__lstm_seq2seq__s2s.h5"))
                .initialStateSources();
        assertEquals(List.of("lstm_1: zeros (Keras default, not learned)",
                "lstm_2: h from layer lstm_1 (lstm_1__1), c from layer lstm_1 (lstm_1__2)"),
                sources.stream().map(InitialStateSource::describe).toList());
        assertTrue(sources.get(0).fromZeros());
    }

    @Test
    void aDecoderStepModelTakesItsStateAsAModelInput() {
        InitialStateSource gru = InspectedModel.open(publicModel("aya0221__seq2seq_LSTM_Japanese__decoder_model.h5"))
                .initialStateSources().get(0);
        assertEquals(Kind.MODEL_INPUT, gru.states().get(0).kind());
        assertEquals("gru_1: h from model input input_3", gru.describe());
    }

    @Test
    void aProjectedOrLearnedStateComesFromItsLayer() {
        assertEquals("gru: h from layer h0",
                InspectedModel.open(fixture("gru_dense_h0.keras")).initialStateSources().get(0).describe());
        assertEquals("gru: h from layer learned_h0",
                InspectedModel.open(fixture("learned_initial_state.keras")).initialStateSources().get(0).describe());
    }

    @Test
    void bidirectionalStatesAreNamedByDirection() {
        InitialStateSource bi = InspectedModel.open(fixture("bidirectional_states.keras")).initialStateSources().get(0);
        assertEquals(List.of("forward_h", "forward_c", "backward_h", "backward_c"),
                bi.states().stream().map(InitialStateSource.Origin::state).toList());
        assertEquals("backward_c from model input backward_c", bi.states().get(3).describe());
    }

    @Test
    void statefulLayersSayTheyCarryTheirStates() {
        InitialStateSource lstm = InspectedModel.open(fixture("stateful_lstm.keras")).initialStateSources().get(0);
        assertTrue(lstm.stateful());
        assertTrue(lstm.describe().startsWith("lstm_1: zeros (Keras default, not learned); stateful"), lstm.describe());
    }
}
