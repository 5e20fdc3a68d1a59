/**
 * What users plug into an import: {@link org.kinspect.custom.CustomObjects}, the Java
 * implementations of a model's custom Keras objects (initializers, layers, Lambda replacements),
 * also found in {@link org.kinspect.custom.KinspectPlugin} jars; and what a custom initializer
 * implements and reads ({@link org.kinspect.custom.InitializerFactory},
 * {@link org.kinspect.custom.KerasInitializer}, {@link org.kinspect.custom.KerasConfigValues},
 * {@link org.kinspect.custom.InitializerSpec}).
 *
 * <p>Near the bottom of the flow: it depends only on {@code errors}; {@code initializers} and
 * {@code graph} read it while importing ({@code FlowOrderTest}).
 *
 * <pre>{@code
 * CustomObjects custom = CustomObjects.none()
 *         .withInitializer("MyPkg>SmallPositive", config -> new SmallPositive(KerasConfigValues.number(config, "scale", 0.01)))
 *         .withLayer("MyPkg>ScaleShift", KerasScaleShift.class);
 * InspectedModel model = InspectedModel.open(Path.of("model.keras"), ImportOptions.defaults().withCustomObjects(custom));
 * }</pre>
 *
 * <p><b>Exported</b>: part of the API users call ({@link org.kinspect.PublicApi}).
 */
package org.kinspect.custom;
