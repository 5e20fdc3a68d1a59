package org.kinspect.graph.base;

/**
 * A layer mapper whose Keras weights hold more (or fewer) values than the DL4J parameters they become: CuDNN
 * keeps an input and a recurrent bias per gate where the LSTM has one (their sum). Checks that
 * compare the file's weights with the DL4J layer's size add these.
 *
 * <pre>{@code
 * long stored = vertex.numParams() + (mapper instanceof ExtraStoredWeights extra ? extra.extraStoredValues() : 0);
 * }</pre>
 */
public interface ExtraStoredWeights {

    /**
     * @return how many more values the file holds for the layer than its DL4J parameters; negative
     *     when the layer repeats stored weights (GroupQueryAttention's shared key/value heads)
     */
    long extraStoredValues();
}
