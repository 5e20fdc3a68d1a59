package org.kinspect.graph;

import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.kinspect.graph.base.RegisteredMappers;
import org.kinspect.graph.layers.KinspectKerasLayers;

/**
 * DL4J's registries of custom layers and Lambda replacements are static maps that its importer
 * reads while it maps a model's layers. kinspect's users give custom objects per import, so they
 * are put there for one mapping only, under a lock every mapping takes, and taken out after
 * (kinspect's own layers, in the same map, are put back).
 *
 * <pre>{@code
 * KerasModel model = Dl4jRegistry.mapping(registrations, () -> new ConfigOnlyKerasModel(json));
 * }</pre>
 */
final class Dl4jRegistry {
    private static final Object LOCK = new Object();

    static {
        // kinspect's own layers stay registered between imports; they are written here once, and
        // installed for the mappers that map a layer they wrap
        KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
        RegisteredMappers.install(KinspectKerasLayers.byClassName());
    }

    private Dl4jRegistry() {}

    /**
     * @param registrations the custom layers (by Keras class name) and Lambda replacements (by layer name)
     * @param mapping what reads DL4J's registries
     * @return what it returned
     * @throws Exception what it threw
     */
    static <T> T mapping(Registrations registrations, Callable<T> mapping) throws Exception {
        synchronized (LOCK) {
            if (registrations.isEmpty()) {
                return mapping.call();
            }
            registrations.layers().forEach(KerasLayer::registerCustomLayer);
            registrations.lambdas().forEach(KerasLayer::registerLambdaLayer);
            try {
                return mapping.call();
            } finally {
                KerasLayer.clearCustomLayers();
                KerasLayer.clearLambdaLayers();
                KinspectKerasLayers.byClassName().forEach(KerasLayer::registerCustomLayer);
            }
        }
    }

    /**
     * What one import adds to DL4J's registries.
     *
     * @param layers mappers by Keras class name
     * @param lambdas Lambda replacements by layer name
     */
    record Registrations(Map<String, Class<? extends KerasLayer>> layers, Map<String, SameDiffLambdaLayer> lambdas) {

        Registrations {
            layers = Map.copyOf(layers);
            lambdas = Map.copyOf(lambdas);
        }

        boolean isEmpty() {
            return layers.isEmpty() && lambdas.isEmpty();
        }
    }
}
