#!/usr/bin/env python3
"""Small Keras 3 models, one per layer family of issue 11, with Keras's own per-layer outputs.

Regenerate (from the repo root, /work/main):

    ../shared/tools/keras3 python3 inspector/src/test/resources/layers/make_layer_fixtures.py [CASE ...]

For every case writes, next to this script:
  CASE.keras    Keras 3 native zip
  CASE.h5       Keras 3 legacy HDF5 (model.save("CASE.h5"))
  CASE_io.h5    ../shared/tools/keras_reference.py CASE.keras CASE_io.h5 --batch 2 --seed 0

Weights are random but non-trivial (every variable overwritten from a seeded RNG: non-zero
biases, LayerNormalization gamma away from 1). Each case's seed is 300 + its index in CASES:
add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import fixture_files  # noqa: E402

REFERENCE = fixture_files.REFERENCE

# Activation functions Keras 3 serialises by name; each is applied to the same Dense output.
ACTIVATIONS = ["gelu", "silu", "swish", "mish", "relu6", "hard_sigmoid", "hard_silu", "hard_swish",
               "elu", "selu", "softplus", "softsign", "exponential", "relu", "tanh", "sigmoid",
               "linear", "leaky_relu", "log_softmax", "softmax"]


# ----------------------------------------------------------------------------
# cases: each returns a built model
# ----------------------------------------------------------------------------
def activation_functions():
    # Activation(name) layers in parallel on one Dense output (pre-activations about N(0, 3^2))
    x = keras.Input((6,), name="features")
    h = L.Dense(10, name="pre")(x)
    outs = [L.Activation(name, name=f"act_{name}")(h) for name in ACTIVATIONS]
    y = L.Concatenate(name="all")(outs)
    return keras.Model(x, y, name="activation_functions")


def dense_activations():
    # the same functions as a Dense layer's own activation argument
    x = keras.Input((6,), name="features")
    outs = [L.Dense(4, activation=name, name=f"dense_{name}")(x) for name in ACTIVATIONS]
    y = L.Concatenate(name="all")(outs)
    return keras.Model(x, y, name="dense_activations")


def activation_layers():
    # the advanced activation layers with their parameters
    x = keras.Input((6,), name="features")
    h = L.Dense(10, name="pre")(x)
    outs = [
        L.LeakyReLU(name="leaky_default")(h),
        L.LeakyReLU(negative_slope=0.05, name="leaky_005")(h),
        L.PReLU(name="prelu")(h),
        L.ELU(name="elu_default")(h),
        L.ELU(alpha=0.5, name="elu_05")(h),
        L.ReLU(name="relu_plain")(h),
        L.ReLU(max_value=2.5, name="relu_max")(h),
        L.ReLU(negative_slope=0.1, name="relu_slope")(h),
        L.ReLU(threshold=0.5, name="relu_threshold")(h),
        L.ReLU(max_value=3.0, negative_slope=0.2, threshold=0.25, name="relu_all")(h),
        L.Softmax(name="softmax_layer")(h),
    ]
    y = L.Concatenate(name="all")(outs)
    return keras.Model(x, y, name="activation_layers")


def prelu_shared_axes():
    # PReLU on feature maps: one alpha per channel (shared over height and width)
    x = keras.Input((5, 4, 3), name="image")
    h = L.Conv2D(3, 1, name="pre")(x)
    y = L.PReLU(shared_axes=[1, 2], name="prelu_channels")(h)
    z = L.PReLU(name="prelu_full")(h)
    return keras.Model(x, [y, z], name="prelu_shared_axes")


def softmax_axis():
    # Softmax over an axis other than the last, on sequences and on feature maps
    x = keras.Input((4, 5), name="seq")
    a = L.Softmax(axis=1, name="softmax_steps")(x)
    b = L.Softmax(axis=-1, name="softmax_features")(x)
    c = L.Activation("softmax", name="activation_softmax")(x)
    return keras.Model(x, [a, b, c], name="softmax_axis")


def layer_normalization():
    # LayerNormalization on vectors and sequences, with its options; UnitNormalization
    x = keras.Input((4, 6), name="seq")
    a = L.LayerNormalization(name="ln_default")(x)
    b = L.LayerNormalization(epsilon=0.5, center=False, name="ln_eps_no_center")(x)
    c = L.LayerNormalization(scale=False, name="ln_no_scale")(x)
    d = L.LayerNormalization(axis=[1, 2], name="ln_both_axes")(x)
    f = L.Flatten(name="flat")(x)
    e = L.LayerNormalization(name="ln_vector")(f)
    u = L.UnitNormalization(name="unit_norm")(f)
    v = L.UnitNormalization(axis=1, name="unit_norm_steps")(x)
    return keras.Model(x, [a, b, c, d, e, u, v], name="layer_normalization")


def conv2d_transpose():
    # two Conv2DTranspose in a row (the second reads the first's channels)
    x = keras.Input((5, 4, 3), name="image")
    h = L.Conv2DTranspose(4, 3, strides=2, padding="same", activation="relu", name="up_same")(x)
    y = L.Conv2DTranspose(2, (2, 3), strides=1, padding="valid", name="up_valid")(h)
    z = L.Conv2DTranspose(3, 3, strides=(2, 1), use_bias=False, name="up_strided")(y)
    return keras.Model(x, z, name="conv2d_transpose")


def conv1d_transpose():
    x = keras.Input((6, 3), name="seq")
    h = L.Conv1DTranspose(4, 3, strides=2, padding="same", name="up_same")(x)
    y = L.Conv1DTranspose(2, 2, padding="valid", name="up_valid")(h)
    return keras.Model(x, y, name="conv1d_transpose")


def separable_conv():
    x = keras.Input((7, 6, 3), name="image")
    h = L.SeparableConv2D(4, 3, depth_multiplier=2, padding="same", activation="relu", name="sep2d")(x)
    y = L.SeparableConv2D(2, (2, 3), strides=2, name="sep2d_strided")(h)
    s = keras.Input((8, 3), name="seq")
    a = L.SeparableConv1D(4, 3, depth_multiplier=2, padding="same", name="sep1d")(s)
    b = L.SeparableConv1D(2, 2, strides=2, name="sep1d_strided")(a)
    return keras.Model([x, s], [y, b], name="separable_conv")


def depthwise_conv():
    x = keras.Input((7, 6, 3), name="image")
    h = L.DepthwiseConv2D(3, depth_multiplier=2, padding="same", name="depthwise_x2")(x)
    y = L.DepthwiseConv2D((2, 3), strides=2, activation="relu", name="depthwise_strided")(h)
    s = keras.Input((8, 3), name="seq")
    a = L.DepthwiseConv1D(3, depth_multiplier=2, padding="same", name="depthwise1d")(s)
    return keras.Model([x, s], [y, a], name="depthwise_conv")


def cropping_padding_upsampling():
    x = keras.Input((6, 5, 2), name="image")
    a = L.ZeroPadding2D(((1, 2), (0, 3)), name="pad2d")(x)
    b = L.Cropping2D(((2, 1), (1, 0)), name="crop2d")(a)
    c = L.UpSampling2D((2, 3), name="up2d")(b)
    d = L.UpSampling2D(2, interpolation="bilinear", name="up2d_bilinear")(x)
    s = keras.Input((6, 3), name="seq")
    e = L.ZeroPadding1D((2, 1), name="pad1d")(s)
    f = L.Cropping1D((1, 3), name="crop1d")(e)
    g = L.UpSampling1D(3, name="up1d")(f)
    return keras.Model([x, s], [c, d, g], name="cropping_padding_upsampling")


def repeat_vector():
    x = keras.Input((5,), name="features")
    h = L.Dense(3, name="dense")(x)
    r = L.RepeatVector(4, name="repeat")(h)
    y = L.LSTM(2, return_sequences=True, name="lstm")(r)
    return keras.Model(x, y, name="repeat_vector")


def time_distributed_conv():
    x = keras.Input((3, 6, 5, 2), name="frames")
    h = L.TimeDistributed(L.Conv2D(4, 3, activation="relu"), name="td_conv")(x)
    p = L.TimeDistributed(L.MaxPooling2D(2), name="td_pool")(h)
    f = L.TimeDistributed(L.Flatten(), name="td_flat")(p)
    y = L.TimeDistributed(L.Dense(3), name="td_dense")(f)
    return keras.Model(x, y, name="time_distributed_conv")


def shared_layers():
    # one Dense called on two inputs, and one called twice in a row
    a = keras.Input((4,), name="left")
    b = keras.Input((4,), name="right")
    shared = L.Dense(4, activation="tanh", name="shared")
    ha, hb = shared(a), shared(b)
    twice = L.Dense(4, name="twice")
    t = twice(twice(ha))
    y = L.Concatenate(name="joined")([t, hb])
    return keras.Model([a, b], y, name="shared_layers")


def nested_models():
    # a Sequential inside a Sequential used as a layer of a Functional model (keras_reference.py
    # cannot probe a nested Functional model: its own output is not connected to the outer inputs)
    innermost = keras.Sequential([keras.Input((4,)), L.Dense(3, activation="tanh", name="innermost_dense")],
                                 name="innermost")
    inner = keras.Sequential([keras.Input((5,)), L.Dense(4, activation="relu", name="inner_dense"), innermost,
                              L.Dense(3, name="inner_out")], name="inner_sequential")
    x = keras.Input((5,), name="features")
    z = L.Dense(2, name="head")(inner(x))
    return keras.Model(x, z, name="nested_models")


def attention():
    # Luong (dot-product) attention: query (5, 8) against value and key (7, 8)
    q = keras.Input((5, 8), name="query")
    v = keras.Input((7, 8), name="value")
    k = keras.Input((7, 8), name="key")
    a = L.Attention(name="dot")([q, v])
    b = L.Attention(use_scale=True, name="dot_scaled_key")([q, v, k])
    c = L.Attention(score_mode="concat", name="concat")([q, v])
    d = L.Attention(use_scale=True, score_mode="concat", name="concat_scaled_key")([q, v, k])
    e = L.Attention(name="dot_causal")([q, v], use_causal_mask=True)
    f = L.Attention(use_scale=True, name="self_causal")([q, q], use_causal_mask=True)
    y = L.Dense(3, name="after")(a)
    return keras.Model([q, v, k], [y, b, c, d, e, f], name="attention")


def additive_attention():
    # Bahdanau (additive) attention: query (5, 8) against value and key (7, 8)
    q = keras.Input((5, 8), name="query")
    v = keras.Input((7, 8), name="value")
    k = keras.Input((7, 8), name="key")
    a = L.AdditiveAttention(use_scale=False, name="additive")([q, v])
    b = L.AdditiveAttention(name="additive_scaled_key")([q, v, k])
    c = L.AdditiveAttention(name="additive_causal")([q, v], use_causal_mask=True)
    return keras.Model([q, v, k], [a, b, c], name="additive_attention")


def multi_head_attention():
    # self-attention on one sequence (5, 8), called positionally and by keyword
    x = keras.Input((5, 8), name="seq")
    h = L.Dense(8, name="pre")(x)
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="mha")(h, h)
    b = L.MultiHeadAttention(num_heads=3, key_dim=3, value_dim=5, use_bias=False, name="mha_no_bias")(
        query=h, value=h, key=h)
    c = L.MultiHeadAttention(num_heads=2, key_dim=4, name="mha_causal")(h, h, use_causal_mask=True)
    y = L.Add(name="residual")([h, a])
    return keras.Model(x, [y, b, c], name="multi_head_attention")


def multi_head_cross_attention():
    # cross-attention: query (5, 8) against value (7, 6) and a separate key (7, 4); an explicit mask
    q = keras.Input((5, 8), name="query")
    v = keras.Input((7, 6), name="value")
    k = keras.Input((7, 4), name="key")
    m = keras.Input((5, 7), dtype="int32", name="mask")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="cross")(q, v)
    b = L.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=5, name="cross_key")(q, v, key=k)
    c = L.MultiHeadAttention(num_heads=2, key_dim=4, name="cross_causal")(q, v, use_causal_mask=True)
    d = L.MultiHeadAttention(num_heads=2, key_dim=4, name="cross_masked")(q, v, attention_mask=m)
    e = L.MultiHeadAttention(num_heads=2, key_dim=4, use_bias=False, name="cross_masked_causal")(
        query=q, value=v, key=k, attention_mask=m, use_causal_mask=True)
    return keras.Model([q, v, k, m], [a, b, c, d, e], name="multi_head_cross_attention")


def masked_value_attention():
    # cross-attention over values masked by Embedding(mask_zero=True): token 0 (a quarter of the
    # random tokens) is padding the query steps do not see; each masked value feeds one attention
    # layer (Keras 3 hands a mask to the first MultiHeadAttention reading it only)
    q = keras.Input((5, 8), name="query")
    v_ids = keras.Input((7,), dtype="int32", name="value_tokens")
    v = L.Embedding(4, 8, mask_zero=True, name="value_embed")(v_ids)
    w = L.Embedding(4, 6, mask_zero=True, name="other_value_embed")(v_ids)
    k = keras.Input((7, 6), name="key")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="cross")(q, v)
    b = L.MultiHeadAttention(num_heads=2, key_dim=3, name="cross_key_causal")(q, w, key=k, use_causal_mask=True)
    return keras.Model([q, v_ids, k], [a, b], name="masked_value_attention")

def masked_query_attention():
    # a query masked by Embedding(mask_zero=True), from whose masked steps Keras still computes outputs
    q_ids = keras.Input((5,), dtype="int32", name="query_tokens")
    q = L.Embedding(4, 8, mask_zero=True, name="query_embed")(q_ids)
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="self")(q, q)
    return keras.Model(q_ids, a, name="masked_query_attention")


def masked_dot_attention():
    # Attention on inputs masked by Embedding(mask_zero=True): the value's mask hides steps, the
    # query's zeroes the output at masked steps
    q_ids = keras.Input((5,), dtype="int32", name="query_tokens")
    v_ids = keras.Input((7,), dtype="int32", name="value_tokens")
    q = L.Embedding(4, 8, mask_zero=True, name="query_embed")(q_ids)
    v = L.Embedding(4, 8, mask_zero=True, name="value_embed")(v_ids)
    a = L.Attention(name="dot")([q, v])
    return keras.Model([q_ids, v_ids], a, name="masked_dot_attention")

def masked_shared_value_attention():
    # one masked value read by two MultiHeadAttention layers: Keras 3 clears the value's mask in the
    # first call, so only one of them sees it; refused
    q = keras.Input((5, 8), name="query")
    v_ids = keras.Input((7,), dtype="int32", name="value_tokens")
    v = L.Embedding(4, 8, mask_zero=True, name="value_embed")(v_ids)
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, name="first")(q, v)
    b = L.MultiHeadAttention(num_heads=2, key_dim=4, name="second")(q, v)
    return keras.Model([q, v_ids], [a, b], name="masked_shared_value_attention")

def attention_options():
    # options that do not change the layers' inference: dropout; MultiHeadAttention's output_shape
    q = keras.Input((5, 8), name="query")
    v = keras.Input((7, 8), name="value")
    a = L.Attention(dropout=0.3, name="dot_dropout")([q, v])
    b = L.AdditiveAttention(dropout=0.3, name="additive_dropout")([q, v])
    c = L.MultiHeadAttention(num_heads=2, key_dim=4, dropout=0.2, name="mha_dropout")(q, v)
    d = L.MultiHeadAttention(num_heads=2, key_dim=4, output_shape=6, name="mha_output_6")(q, v)
    e = L.MultiHeadAttention(num_heads=3, key_dim=2, output_shape=(5,), name="mha_output_tuple")(
        q, v, use_causal_mask=True)
    return keras.Model([q, v], [a, b, c, d, e], name="attention_options")


def attention_scores():
    # return_attention_scores=True (a second output): the scores are dot_scores__1
    q = keras.Input((5, 8), name="query")
    v = keras.Input((7, 8), name="value")
    out, scores = L.Attention(name="dot_scores")([q, v], return_attention_scores=True)
    return keras.Model([q, v], [out, scores], name="attention_scores")


def multi_head_gate():
    # MultiHeadAttention(use_gate=True): refused
    q = keras.Input((5, 8), name="query")
    a = L.MultiHeadAttention(num_heads=2, key_dim=4, use_gate=True, name="gated")(q, q)
    return keras.Model(q, a, name="multi_head_gate")

def shared_nested_model():
    # Siamese: one Sequential encoder used as a layer on two inputs, and a shared Dense inside a
    # nested Sequential (keras_reference.py records the first call of each, under the layer's name)
    encoder = keras.Sequential([keras.Input((5,)), L.Dense(4, activation="relu", name="enc_dense"),
                                L.Dense(3, name="enc_out")], name="encoder")
    a = keras.Input((5,), name="left")
    b = keras.Input((5,), name="right")
    d = L.Subtract(name="difference")([encoder(a), encoder(b)])
    y = L.Dense(1, activation="sigmoid", name="score")(d)
    return keras.Model([a, b], y, name="shared_nested_model")


def shared_recurrent():
    # one LSTM read on two sequences, and a GRU returning its state called twice (a model output
    # may not be a later call: keras_reference.py names outputs by layer and output index)
    a = keras.Input((4, 3), name="first")
    b = keras.Input((4, 3), name="second")
    lstm = L.LSTM(2, name="shared_lstm")
    states = L.GRU(3, return_sequences=True, return_state=True, name="shared_gru")
    sa, ha = states(a)
    sb, hb = states(b)
    y = L.Concatenate(name="joined")([lstm(a), lstm(b), ha, hb])
    s = L.Add(name="sequences")([sa, sb])
    return keras.Model([a, b], [y, s], name="shared_recurrent")


def time_distributed_images():
    # more layers applied to every image of a sequence: strided same convolution, average pooling,
    # Dropout, Activation, global pooling into an LSTM; Flatten into a Dense; a 5-D model output
    x = keras.Input((4, 6, 6, 3), name="frames")
    h = L.TimeDistributed(L.Conv2D(5, 3, strides=2, padding="same", activation="relu"), name="td_conv")(x)
    p = L.TimeDistributed(L.AveragePooling2D(2, padding="same"), name="td_avg")(h)
    d = L.TimeDistributed(L.Dropout(0.5), name="td_dropout")(p)
    a = L.TimeDistributed(L.Activation("tanh"), name="td_tanh")(d)
    g = L.TimeDistributed(L.GlobalAveragePooling2D(), name="td_gap")(a)
    r = L.LSTM(2, name="lstm")(g)
    f = L.TimeDistributed(L.Flatten(), name="td_flat")(h)
    y = L.TimeDistributed(L.Dense(2, activation="sigmoid"), name="td_dense")(f)
    m = L.TimeDistributed(L.MaxPooling2D((1, 2)), name="td_max")(x)
    return keras.Model(x, [r, y, m], name="time_distributed_images")


def time_distributed_sequences():
    # a sequence of sequences (batch, sentences, words, features), as hierarchical text models
    # have: Conv1D, MaxPooling1D, Dense on the last axis, LSTM and Bidirectional GRU per sentence
    x = keras.Input((3, 8, 4), name="sentences")
    c = L.TimeDistributed(L.Conv1D(5, 3, padding="same", activation="relu"), name="td_conv1d")(x)
    p = L.TimeDistributed(L.MaxPooling1D(2), name="td_pool1d")(c)
    d = L.TimeDistributed(L.Dense(3, activation="tanh"), name="td_dense_words")(p)
    w = L.TimeDistributed(L.LSTM(4, return_sequences=True), name="td_lstm_words")(d)
    s = L.TimeDistributed(L.LSTM(2), name="td_lstm")(w)
    b = L.TimeDistributed(L.Bidirectional(L.GRU(2)), name="td_bigru")(x)
    g = L.TimeDistributed(L.GlobalMaxPooling1D(), name="td_gmp")(c)
    f = L.TimeDistributed(L.Flatten(), name="td_flat")(p)
    y = L.Concatenate(name="joined")([s, b, g, f])
    z = L.GRU(3, name="document")(y)
    return keras.Model(x, z, name="time_distributed_sequences")


def time_distributed_model():
    # a Sequential model applied to every image of a sequence (a per-frame encoder), and to every
    # vector of a sequence
    frame = keras.Sequential([keras.Input((6, 5, 2)), L.Conv2D(3, 3, activation="relu", name="frame_conv"),
                              L.MaxPooling2D(2, name="frame_pool"), L.Flatten(name="frame_flat"),
                              L.Dense(4, name="frame_dense")], name="frame_encoder")
    step = keras.Sequential([keras.Input((4,)), L.Dense(3, activation="tanh", name="step_dense"),
                             L.Dense(2, name="step_out")], name="step_model")
    x = keras.Input((3, 6, 5, 2), name="frames")
    e = L.TimeDistributed(frame, name="td_frames")(x)
    y = L.TimeDistributed(step, name="td_steps")(e)
    # and a GRU read over every sentence of a document
    s = keras.Input((3, 5, 4), name="sentences")
    g = L.TimeDistributed(L.GRU(2), name="td_gru")(s)
    return keras.Model([x, s], [y, g], name="time_distributed_model")


def shared_lambda():
    # one Lambda (x * 2 + 1, replaced in Java by the test) called on two inputs
    a = keras.Input((4,), name="left")
    b = keras.Input((4,), name="right")
    affine = L.Lambda(lambda t: t * 2.0 + 1.0, name="affine")
    y = L.Concatenate(name="joined")([affine(a), affine(b)])
    return keras.Model([a, b], y, name="shared_lambda")


def time_distributed_reshaped():
    # TimeDistributed after a Reshape to a sequence of sequences and to a sequence of images
    a = keras.Input((24, 3), name="flat_document")
    r = L.Reshape((4, 6, 3), name="sentences")(a)
    g = L.TimeDistributed(L.GRU(2), name="td_gru")(r)
    b = keras.Input((60,), name="flat_frames")
    f = L.Reshape((3, 5, 2, 2), name="frames")(b)
    c = L.TimeDistributed(L.Conv2D(2, 2, activation="relu"), name="td_conv")(f)
    return keras.Model([a, b], [g, c], name="time_distributed_reshaped")


def time_distributed_normalized():
    # BatchNormalization on every image (Conv2D -> BatchNormalization -> relu) and on every
    # sentence of a document
    x = keras.Input((3, 6, 5, 2), name="frames")
    h = L.TimeDistributed(L.Conv2D(4, 3), name="td_conv")(x)
    n = L.TimeDistributed(L.BatchNormalization(), name="td_norm")(h)
    r = L.TimeDistributed(L.Activation("relu"), name="td_relu")(n)
    s = keras.Input((3, 5, 4), name="sentences")
    m = L.TimeDistributed(L.BatchNormalization(epsilon=0.1), name="td_norm_words")(s)
    return keras.Model([x, s], [r, m], name="time_distributed_normalized")


def time_distributed_functional():
    # a Functional model (two convolutions added, two global poolings concatenated) applied to
    # every image of a sequence
    i = keras.Input((6, 5, 2), name="image")
    a = L.Conv2D(3, 3, activation="relu", name="conv_a")(i)
    b = L.Conv2D(3, 3, name="conv_b")(i)
    s = L.Add(name="sum")([a, b])
    g = L.GlobalAveragePooling2D(name="average")(s)
    m = L.GlobalMaxPooling2D(name="maximum")(a)
    c = L.Concatenate(name="pooled")([g, m])
    o = L.Dense(2, name="out")(c)
    frame = keras.Model(i, o, name="frame_graph")
    x = keras.Input((3, 6, 5, 2), name="frames")
    y = L.TimeDistributed(frame, name="td_graph")(x)
    return keras.Model(x, y, name="time_distributed_functional")


def convolution_options():
    # the convolution family's options: dilation, no bias, element-wise activations, channels_first
    s = keras.Input((12, 3), name="seq")
    a = L.DepthwiseConv1D(3, dilation_rate=2, use_bias=False, activation="tanh", name="depthwise1d_dilated")(s)
    b = L.SeparableConv1D(4, 2, depth_multiplier=3, dilation_rate=2, activation="selu", name="sep1d_dilated")(s)
    c = L.Conv1DTranspose(2, 2, strides=2, padding="same", use_bias=False, activation="sigmoid",
                          name="up1d_no_bias")(s)
    d = L.Conv1DTranspose(3, 4, strides=3, activation="swish", name="up1d_valid_strided")(s)
    e = L.SeparableConv1D(2, 3, strides=2, padding="same", activation="relu6", name="sep1d_same_strided")(s)
    x = keras.Input((4, 7, 6), name="image_channels_first")
    f = L.DepthwiseConv2D(3, dilation_rate=2, depth_multiplier=2, data_format="channels_first",
                          activation="softplus", name="depthwise_channels_first")(x)
    g = L.DepthwiseConv2D((3, 2), strides=(1, 2), padding="same", use_bias=False, data_format="channels_first",
                          activation="elu", name="depthwise_cf_strided")(x)
    return keras.Model([s, x], [a, b, c, d, e, f, g], name="convolution_options")


def reshaping_options():
    # padding, cropping and upsampling with their other argument forms and layouts
    s = keras.Input((7, 2), name="seq")
    a = L.ZeroPadding1D(2, name="pad1d_both")(s)
    b = L.Cropping1D((2, 0), name="crop1d_start")(a)
    c = L.Cropping1D(1, name="crop1d_both")(b)
    d = L.UpSampling1D(2, name="up1d_default")(c)
    x = keras.Input((5, 4, 3), name="image")
    e = L.UpSampling2D((3, 2), interpolation="bilinear", name="bilinear_3x2")(x)
    y = keras.Input((3, 5, 4), name="image_channels_first")
    f = L.UpSampling2D(2, interpolation="bilinear", data_format="channels_first", name="bilinear_cf")(y)
    return keras.Model([s, x, y], [d, e, f], name="reshaping_options")


def channels_first_convolutions():
    # channels_first kernels (still (kh, kw, in, out) under every backend), and layers of both
    # layouts in a row: each reads the same array in its own data_format, as tf.keras corpus models do
    x = keras.Input((3, 8, 7), name="image_channels_first")
    a = L.Conv2D(4, 3, padding="same", data_format="channels_first", activation="tanh", name="conv_cf")(x)
    b = L.Conv2DTranspose(3, 3, strides=2, data_format="channels_first", name="transpose_cf")(a)
    c = L.SeparableConv2D(2, (2, 3), depth_multiplier=2, data_format="channels_first", name="separable_cf")(a)
    d = L.ZeroPadding2D(((1, 0), (2, 1)), data_format="channels_last", name="pad_last")(a)
    e = L.MaxPooling2D(2, data_format="channels_last", name="pool_last")(d)
    f = L.Conv2D(2, 2, data_format="channels_first", name="conv_cf_after_last")(e)
    g = L.Conv2DTranspose(2, 2, data_format="channels_first", name="transpose_cf_after_last")(e)
    h = L.Cropping2D(((0, 1), (1, 2)), data_format="channels_last", name="crop_last")(g)
    i = L.GlobalAveragePooling2D(data_format="channels_last", name="global_last")(h)
    return keras.Model(x, [b, c, f, i], name="channels_first_convolutions")


def volumes():
    # Conv3D and the 3D padding, cropping, upsampling and pooling layers (channels_last)
    x = keras.Input((5, 6, 4, 2), name="volume")
    a = L.Conv3D(3, 2, padding="same", activation="tanh", name="conv3d")(x)
    b = L.ZeroPadding3D(((1, 0), (0, 2), (1, 1)), name="pad3d")(a)
    c = L.Cropping3D(((0, 1), (2, 1), (1, 0)), name="crop3d")(b)
    d = L.UpSampling3D((2, 1, 2), name="up3d")(c)
    e = L.MaxPooling3D(2, name="pool3d")(d)
    f = L.Conv3D(2, (1, 2, 2), strides=(1, 2, 1), name="conv3d_strided")(e)
    g = L.ZeroPadding3D(1, name="pad3d_all")(f)
    h = L.Cropping3D(1, name="crop3d_all")(g)
    i = L.UpSampling3D(2, name="up3d_all")(h)
    return keras.Model(x, i, name="volumes")


def volumes_channels_first():
    # channels_first 3D layers: refused (DL4J describes a valid Conv3D's output as channels_last)
    y = keras.Input((2, 5, 4, 6), name="volume_channels_first")
    g = L.Conv3D(3, 2, data_format="channels_first", name="conv3d_cf")(y)
    h = L.ZeroPadding3D(1, data_format="channels_first", name="pad3d_cf")(g)
    k = L.AveragePooling3D(2, data_format="channels_first", name="pool3d_cf")(h)
    return keras.Model(y, k, name="volumes_channels_first")


def transpose_options():
    # Conv2DTranspose options DL4J's mapper does not compute as Keras: a kernel shorter than the
    # stride with 'valid' padding (Keras adds the missing rows), output_padding (DL4J ignores it)
    x = keras.Input((4, 5, 2), name="image")
    a = L.Conv2DTranspose(2, 2, strides=3, name="short_kernel")(x)
    b = L.Conv2DTranspose(2, 3, strides=2, output_padding=1, name="output_padding")(x)
    return keras.Model(x, [a, b], name="transpose_options")


def image_layers_channels_first():
    # 2D padding, cropping, upsampling and pooling channels_first, and dilated convolutions
    x = keras.Input((3, 6, 5), name="image_channels_first")
    a = L.ZeroPadding2D(((1, 2), (0, 1)), data_format="channels_first", name="pad_cf")(x)
    b = L.Cropping2D(((0, 1), (1, 0)), data_format="channels_first", name="crop_cf")(a)
    c = L.UpSampling2D((2, 3), data_format="channels_first", name="up_cf")(b)
    d = L.MaxPooling2D((2, 3), data_format="channels_first", name="pool_cf")(c)
    e = L.SeparableConv2D(4, 2, dilation_rate=2, data_format="channels_first", name="separable_dilated_cf")(d)
    f = L.Conv2D(2, 3, dilation_rate=(2, 1), padding="same", data_format="channels_first", name="conv_dilated_cf")(e)
    g = L.GlobalMaxPooling2D(data_format="channels_first", name="global_cf")(f)
    return keras.Model(x, g, name="image_layers_channels_first")


def conv_lstm():
    # ConvLSTM2D (channels_last) returning sequences, then its last output; and going backwards
    x = keras.Input((4, 6, 5, 2), name="frames")
    a = L.ConvLSTM2D(3, 3, padding="same", return_sequences=True, name="conv_lstm_sequences")(x)
    b = L.ConvLSTM2D(2, (2, 3), strides=(1, 2), name="conv_lstm_last")(a)
    c = L.ConvLSTM2D(2, 2, go_backwards=True, return_sequences=True, activation="relu", use_bias=False,
                     name="conv_lstm_backwards")(x)
    return keras.Model(x, [b, c], name="conv_lstm")


def conv_lstm_hard_sigmoid():
    # ConvLSTM2D with hard_sigmoid gates (Keras 3's relu6(x + 3) / 6, not Keras 2's), channels_last
    x = keras.Input((3, 5, 4, 2), name="frames")
    a = L.ConvLSTM2D(2, 3, padding="same", recurrent_activation="hard_sigmoid", return_sequences=True,
                     name="conv_lstm_hard_sigmoid")(x)
    return keras.Model(x, a, name="conv_lstm_hard_sigmoid")


def conv_lstm_channels_first():
    # ConvLSTM2D on channels_first frames (steps, channels, h, w), sequences then last output
    x = keras.Input((3, 2, 5, 4), name="frames_channels_first")
    a = L.ConvLSTM2D(3, 2, padding="same", data_format="channels_first", return_sequences=True,
                     name="conv_lstm_cf_sequences")(x)
    b = L.ConvLSTM2D(2, (3, 2), data_format="channels_first", name="conv_lstm_cf_last")(a)
    return keras.Model(x, b, name="conv_lstm_channels_first")


def conv_lstm_bidirectional():
    # Bidirectional ConvLSTM2D: concat of sequences (channels_last), sum of last outputs, and concat
    # channels_first (Keras concatenates along the last axis: the width)
    x = keras.Input((3, 4, 5, 2), name="frames")
    a = L.Bidirectional(L.ConvLSTM2D(2, 2, padding="same", return_sequences=True), name="bidirectional_concat")(x)
    b = L.Bidirectional(L.ConvLSTM2D(3, (2, 3)), merge_mode="sum", name="bidirectional_sum")(a)
    y = keras.Input((3, 2, 4, 5), name="frames_channels_first")
    c = L.Bidirectional(L.ConvLSTM2D(2, 3, data_format="channels_first", return_sequences=True),
                        name="bidirectional_cf")(y)
    return keras.Model([x, y], [b, c], name="conv_lstm_bidirectional")


CASES = [activation_functions, dense_activations, activation_layers, prelu_shared_axes, softmax_axis,
         layer_normalization, conv2d_transpose, conv1d_transpose, separable_conv, depthwise_conv,
         cropping_padding_upsampling, repeat_vector, time_distributed_conv, shared_layers, nested_models,
         attention, additive_attention, multi_head_attention, multi_head_cross_attention,
         masked_value_attention, masked_query_attention, masked_dot_attention,
         masked_shared_value_attention, attention_options, attention_scores, multi_head_gate,
         shared_nested_model, shared_recurrent, time_distributed_images, time_distributed_sequences,
         time_distributed_model, shared_lambda, time_distributed_reshaped, time_distributed_normalized,
         time_distributed_functional,
         convolution_options, reshaping_options, channels_first_convolutions, volumes, volumes_channels_first,
         transpose_options, image_layers_channels_first, conv_lstm, conv_lstm_hard_sigmoid,
         conv_lstm_channels_first, conv_lstm_bidirectional]

# Kernels multiplied by this after randomising, so that pre-activations reach every function's
# interesting parts (gelu, mish and hard_sigmoid saturate beyond about +-3).
SCALE = {"activation_functions": 3.0, "dense_activations": 3.0, "activation_layers": 3.0}


# ----------------------------------------------------------------------------
def randomize(model, seed, scale):
    """Overwrite every variable from a seeded RNG with non-trivial values."""
    rng = np.random.default_rng(seed)
    for v in model.weights:
        name = v.path.split("/")[-1]
        shape = tuple(v.shape)
        if not shape and name not in ("scale", "concat_score_weight"):
            continue  # a count or a step: not a weight the layer computes with (Attention's scalars are)
        if name in ("bias", "beta"):
            val = rng.uniform(-0.5, 0.5, shape)
        elif name == "gamma":
            val = rng.uniform(0.5, 1.5, shape)
        elif name == "moving_variance":
            val = rng.uniform(0.5, 2.0, shape)
        elif name == "variance":  # a Normalization's: a standard deviation is its root
            val = rng.uniform(0.25, 4.0, shape)
        elif name == "alpha":
            val = rng.uniform(0.05, 0.5, shape)
        elif shape == ():
            val = rng.uniform(0.5, 1.5, shape)  # Attention's scale and concat_score_weight
        else:
            fan_in = shape[0] if len(shape) <= 2 else int(np.prod(shape[:-1]))
            val = scale * rng.normal(0.0, 1.0 / np.sqrt(max(fan_in, 1)), shape)
        v.assign(val.astype(v.dtype))


def make(case, seed, folder=HERE):
    """Writes CASE.keras, CASE.h5 and CASE_io.h5 into folder (other fixture scripts import this)."""
    name = case.__name__
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    model = case()
    randomize(model, seed, SCALE.get(name, 1.0))

    keras_file, h5_file = fixture_files.save_both(model, folder, name)
    io_file = os.path.join(folder, f"{name}_io.h5")
    fixture_files.write_reference(keras_file, io_file)

    # both files must load back and agree with the reference outputs
    feed = fixture_files.reference_feed(io_file)
    expected = fixture_files.reference_outputs(io_file)
    for path in (keras_file, h5_file):
        try:
            # safe_mode off: these are our own files, and a Lambda's function is saved as bytecode
            loaded = keras.saving.load_model(path, compile=False, safe_mode=False)
        except TypeError as e:
            # Keras 3's legacy .h5 loader turns Attention's score_mode "dot" into the function
            # keras.ops.dot and then refuses it: a Keras bug, the file itself is as Keras wrote it.
            if path == h5_file and "score_mode" in str(e):
                print(f"{path}: Keras cannot load it back ({str(e).splitlines()[0][:80]}...); not checked")
                continue
            raise
        fixture_files.check_outputs(path, expected, loaded(feed, training=False), relative=True)
    print(f"{name}: ok")


def make_cases(cases, first_seed, folder, argv):
    """Makes the cases named in argv (all when none), case i with seed first_seed + i."""
    fixture_files.make_cases(cases, lambda case, seed: make(case, seed, folder), first_seed, argv)


def main(argv):
    make_cases(CASES, 300, HERE, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
