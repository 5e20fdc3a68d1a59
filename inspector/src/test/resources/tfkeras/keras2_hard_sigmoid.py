"""tf.keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1), for rebuilding its models in Keras 3 (whose
hard_sigmoid is relu6(x + 3) / 6). Give it to keras_reference.py with --custom."""
import keras


@keras.saving.register_keras_serializable(package="kinspect", name="keras2_hard_sigmoid")
def keras2_hard_sigmoid(x):
    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)
