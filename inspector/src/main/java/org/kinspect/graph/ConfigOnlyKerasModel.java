package org.kinspect.graph;

import java.io.IOException;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * DL4J's Keras model built from a configuration alone: it gives us DL4J's layer mappers and graph
 * wiring, while the weights come from our own reader and no DL4J graph is initialised here.
 */
final class ConfigOnlyKerasModel extends KerasModel {

    ConfigOnlyKerasModel(String functionalConfigJson)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        super(functionalConfigJson, null, null, null, null, null, false, null, null);
    }
}
