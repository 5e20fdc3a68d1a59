package org.kinspect.shape;

import org.junit.jupiter.api.Test;
import org.kinspect.InspectedModel;
import org.kinspect.graph.layers.KerasReferenceCheck;

class DebugPermuteTest {
    @Test
    void show() {
        InspectedModel model = InspectedModel.open(KerasReferenceCheck.resource("/shapes/reshape_permute_activation.keras"));
        model.imported().outputTypes().forEach((k, v) -> System.out.println("TYPE " + k + " " + v));
        model.imported().graph().getConfiguration().getVertices().forEach((k, v) -> System.out.println("VERTEX " + k + " " + v));
    }
}
