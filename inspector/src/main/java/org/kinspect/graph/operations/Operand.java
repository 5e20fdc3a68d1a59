package org.kinspect.graph.operations;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An argument of an operation: one of the layer's inbound tensors, or a constant. */
sealed interface Operand {

    /** @return the operand's Keras shape, the batch axis first for a tensor */
    long[] shape(List<long[]> inputShapes);

    /** @return the operand's value */
    INDArray value(List<INDArray> inputs);

    /** @return true for an inbound tensor (it has the batch axis) */
    boolean isTensor();

    /** @param index which inbound tensor */
    record Tensor(int index) implements Operand {
        @Override
        public long[] shape(List<long[]> inputShapes) {
            return inputShapes.get(index);
        }

        @Override
        public INDArray value(List<INDArray> inputs) {
            return inputs.get(index);
        }

        @Override
        public boolean isTensor() {
            return true;
        }
    }

    /** @param value a number (rank 0) or an array, without a batch axis */
    record Constant(INDArray value) implements Operand {
        @Override
        public long[] shape(List<long[]> inputShapes) {
            return value.shape();
        }

        @Override
        public INDArray value(List<INDArray> inputs) {
            return value;
        }

        @Override
        public boolean isTensor() {
            return false;
        }
    }
}
