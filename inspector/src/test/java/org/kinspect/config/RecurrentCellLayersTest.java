package org.kinspect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kinspect.errors.KinspectException;

/**
 * tf.keras's RNN could read its input time-major, which Keras 3 dropped: no fixture can hold it,
 * so its configuration (as tf.keras 2.15 writes it) is given here. The RNN layers Keras 3 writes
 * are checked against Keras's numbers by RecurrentCellCoverageTest.
 */
class RecurrentCellLayersTest {
    private static final String TF_KERAS_RNN = """
            {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 3], "dtype": "float32",
                "name": "sequence"}},
              {"class_name": "RNN", "config": {"name": "rnn", "trainable": true, "dtype": "float32",
                "return_sequences": false, "return_state": false, "go_backwards": false, "stateful": false,
                "unroll": false, "time_major": %s, "cell": {"class_name": "LSTMCell", "config": {
                  "name": "lstm_cell", "trainable": true, "dtype": "float32", "units": 4, "activation": "tanh",
                  "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true,
                  "dropout": 0.0, "recurrent_dropout": 0.0, "implementation": 2}}}}]}}""";

    @Test
    void anRnnAroundAnLstmCellIsAnLstm() {
        ModelSpec spec = ConfigNormalizer.normalize(TF_KERAS_RNN.formatted("false"), "2.15.0", "tensorflow", "rnn.h5");
        LayerSpec rnn = spec.layer("rnn").orElseThrow();
        assertEquals("LSTM", rnn.className());
        assertEquals(4, rnn.config().get("units"));
        assertEquals("rnn", rnn.config().get("name"));
    }

    @Test
    void timeMajorIsRefusedByName() {
        var error = assertThrows(KinspectException.class,
                () -> ConfigNormalizer.normalize(TF_KERAS_RNN.formatted("true"), "2.15.0", "tensorflow", "rnn.h5"));
        assertTrue(error.getMessage().matches("[^\\n]*layer 'rnn' \\(RNN\\): it reads its input time-major[^\\n]*"),
                error.getMessage());
    }
}
