package org.kinspect.gradients;

public class KerasGradientsAccess {
    public static java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> inputs(java.nio.file.Path p) {
        return KerasGradients.read(p).inputs();
    }
}
