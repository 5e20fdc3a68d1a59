package org.kinspect.graph.layers;

import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Minimum} merge, which DL4J lacks: the element-wise minimum of same-shaped inputs,
 * computed by DL4J's maximum vertex as {@code -max(-a, -b, ...)}.
 */
public class MinimumVertex extends ElementWiseVertex {

    /** The only configuration there is: DL4J's maximum, negated on the way in and out. */
    public MinimumVertex() {
        super(Op.Max);
    }

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int index, INDArray paramsView,
            boolean initializeParams, DataType networkDatatype) {
        return new Impl(graph, name, index, networkDatatype);
    }

    @Override
    public MinimumVertex clone() {
        return new MinimumVertex();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MinimumVertex;
    }

    @Override
    public int hashCode() {
        return MinimumVertex.class.hashCode();
    }

    @Override
    public String toString() {
        return "MinimumVertex()";
    }

    /** The running vertex. */
    static final class Impl extends org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex {

        Impl(ComputationGraph graph, String name, int index, DataType dataType) {
            super(graph, name, index, Op.Max, dataType);
        }

        @Override
        public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
            INDArray[] given = getInputs();
            INDArray[] negated = new INDArray[given.length];
            for (int i = 0; i < given.length; i++) {
                negated[i] = given[i].neg();
            }
            setInputs(negated);
            try {
                return super.doForward(training, workspaceMgr).negi();
            } finally {
                setInputs(given);
            }
        }
    }
}
