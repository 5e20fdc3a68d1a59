package org.kinspect.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The answer kept per class is the class's own: a class that overrides the method is told so however
 * often the classes around it were asked first, so the weight copy leaves such layers to DL4J's own.
 */
class InheritedMethodTest {

    /** A mapper that copies its weights its own way (never made: its class is all that is asked about). */
    static final class CopiesItsOwnWay extends KerasDense {
        CopiesItsOwnWay() throws UnsupportedKerasConfigurationException {
            super(2);
        }

        @Override
        public void copyWeightsToLayer(Layer layer) {
            // its own way
        }
    }

    @Test
    void aMapperThatOverridesTheCopyIsToldSoEveryTime() {
        InheritedMethod plainCopy = new InheritedMethod(KerasLayer.class, "copyWeightsToLayer", Layer.class);
        for (int asked = 0; asked < 3; asked++) {
            assertTrue(plainCopy.isInheritedBy(KerasDense.class));
            assertFalse(plainCopy.isInheritedBy(CopiesItsOwnWay.class));
            assertTrue(plainCopy.isInheritedBy(KerasLayer.class));
        }
        InheritedMethod plainWeights = new InheritedMethod(KerasLayer.class, "getWeights");
        assertTrue(plainWeights.isInheritedBy(CopiesItsOwnWay.class), "another method, another answer");
    }

    @Test
    void aLayerThatIsNoBaseLayerKeepsDl4jsPath() {
        InheritedMethod setParameter = new InheritedMethod(BaseLayer.class, "setParam", String.class, INDArray.class);
        InheritedMethod parameterTable = new InheritedMethod(BaseLayer.class, "paramTable");
        for (int asked = 0; asked < 3; asked++) {
            assertTrue(setParameter.isInheritedBy(DenseLayer.class));
            assertTrue(parameterTable.isInheritedBy(DenseLayer.class));
            assertFalse(setParameter.isInheritedBy(ActivationLayer.class), "AbstractLayer's own setParam");
            assertFalse(parameterTable.isInheritedBy(ActivationLayer.class));
        }
    }

    @Test
    void aClassWithoutTheMethodDoesNotInheritIt() {
        assertFalse(new InheritedMethod(BaseLayer.class, "paramTable").isInheritedBy(String.class));
    }
}
