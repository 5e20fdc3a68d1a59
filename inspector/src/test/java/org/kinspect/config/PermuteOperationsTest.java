package org.kinspect.config;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kinspect.graph.layers.KerasReferenceCheck;

/**
 * A bAbI memory network (nested Sequential embeddings, Dot of two embedded sequences, Add,
 * Permute((2, 1)), Concatenate with an embedded sequence, LSTM): it needs {@link EmbeddingLengths}
 * (DL4J described the embeddings as one step long, so Dot's shape was wrong) and
 * {@link PermuteOperations} (DL4J described the Permute in the other layout, so the Concatenate was
 * refused). Every layer against Keras 3's numbers; the corpus SavedModel of the same shape is
 * checked by {@code SavedModelCorpusTest}.
 */
class PermuteOperationsTest {

    @Test
    void aMemoryNetworkMatchesKerasLayerByLayer() {
        KerasReferenceCheck.everyLayerMatches(KerasReferenceCheck.resource("/savedmodel/memory_network.keras"),
                KerasReferenceCheck.resource("/savedmodel/memory_network_io.h5"), Map.of());
    }
}
