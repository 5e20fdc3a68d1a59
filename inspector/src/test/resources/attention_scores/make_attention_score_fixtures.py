#!/usr/bin/env python3
"""Keras 3 attention layers returning their attention scores (return_attention_scores=True), with
Keras's own outputs: the attended values as LAYER and the scores as LAYER__1.

Regenerate (from the repo root):

    ../shared/tools/keras3 python3 inspector/src/test/resources/attention_scores/make_attention_score_fixtures.py [CASE ...]

Each case writes CASE.keras, CASE.h5 and CASE_io.h5 next to this script with `make` from
../layers/make_layer_fixtures.py (same random weights and reference check). Each case's seed is
1000 + its index in CASES: add new cases at the end. README.md in this folder lists the cases.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "layers"))
import make_layer_fixtures as fixtures  # noqa: E402
from make_layer_fixtures import keras, L  # noqa: E402


def scored_attention_scores():
    # Attention (dot, scaled, causal), Attention (concat) and AdditiveAttention (causal) with their
    # scores (batch, Tq, Tv); a Dense reads one attended output, a Flatten one score tensor
    q = keras.Input((5, 4), name="query")
    v = keras.Input((6, 4), name="value")
    k = keras.Input((6, 4), name="key")
    dot, dot_scores = L.Attention(use_scale=True, name="dot")([q, v, k], return_attention_scores=True,
                                                             use_causal_mask=True)
    concat, concat_scores = L.Attention(score_mode="concat", name="concat")([q, v], return_attention_scores=True)
    additive, additive_scores = L.AdditiveAttention(name="additive")([q, v], return_attention_scores=True,
                                                                    use_causal_mask=True)
    dense = L.Dense(3, name="dense")(dot)
    flat = L.Flatten(name="flat_scores")(additive_scores)
    return keras.Model([q, v, k], [dense, dot_scores, concat, concat_scores, additive, flat],
                       name="scored_attention_scores")


def multi_head_scores():
    # MultiHeadAttention's scores (batch, heads, Tq, Tv): cross-attention with an attention_mask
    # input, and causal self-attention whose output a Dense reads
    q = keras.Input((5, 4), name="query")
    v = keras.Input((6, 3), name="value")
    mask = keras.Input((5, 6), dtype="int32", name="mask")
    cross, cross_scores = L.MultiHeadAttention(num_heads=2, key_dim=3, name="cross")(
        q, v, attention_mask=mask, return_attention_scores=True)
    own, own_scores = L.MultiHeadAttention(num_heads=3, key_dim=2, value_dim=4, name="self")(
        q, q, use_causal_mask=True, return_attention_scores=True)
    dense = L.Dense(2, name="dense")(own)
    return keras.Model([q, v, mask], [cross, cross_scores, dense, own_scores], name="multi_head_scores")


def layout_scores():
    # scores of attention over sequences DL4J holds otherwise: a Dense's output (folded into the
    # batch) as the query, an LSTM's (batch, features, time) as the value, and the other way round
    q = keras.Input((5, 3), name="query")
    v = keras.Input((6, 2), name="value")
    dense = L.Dense(4, name="dense")(q)
    lstm = L.LSTM(4, return_sequences=True, name="lstm")(v)
    dot, _ = L.Attention(name="dot")([dense, lstm], return_attention_scores=True)
    mha, _ = L.MultiHeadAttention(num_heads=2, key_dim=2, name="mha")(lstm, dense, return_attention_scores=True)
    return keras.Model([q, v], [dot, mha], name="layout_scores")


def unknown_length_scores():
    # scores over a query of unknown length: refused (kinspect sizes the scores when it builds the model)
    q = keras.Input((None, 4), name="query")
    v = keras.Input((6, 4), name="value")
    out, scores = L.Attention(name="open_scores")([q, v], return_attention_scores=True)
    return keras.Model([q, v], [out, scores], name="unknown_length_scores")


def grouped_query_attention():
    # GroupedQueryAttention (keras.layers.GroupQueryAttention): 4 query heads sharing 2 key/value heads; cross-attention with a key and an
    # attention_mask input returning its scores, causal self-attention without biases
    q = keras.Input((5, 4), name="query")
    v = keras.Input((6, 4), name="value")
    k = keras.Input((6, 4), name="key")
    mask = keras.Input((5, 6), dtype="int32", name="mask")
    cross, scores = L.GroupQueryAttention(head_dim=3, num_query_heads=4, num_key_value_heads=2, name="cross")(
        q, v, key=k, attention_mask=mask, return_attention_scores=True)
    own = L.GroupQueryAttention(head_dim=2, num_query_heads=3, num_key_value_heads=1, use_bias=False,
                                  name="self")(q, q, use_causal_mask=True)
    plain = L.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=2, name="plain")(q, v)
    return keras.Model([q, v, k, mask], [cross, scores, own, plain], name="grouped_query_attention")


def grouped_query_sliding_window():
    # GroupedQueryAttention(sliding_window=...): refused
    q = keras.Input((5, 4), name="query")
    out = L.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1, sliding_window=2,
                                  name="windowed")(q, q)
    return keras.Model(q, out, name="grouped_query_sliding_window")


def masked_value_scores():
    # MultiHeadAttention and Attention over values masked by Embedding(mask_zero=True), returning their
    # scores: the padded value steps (token 0) get no weight; kinspect packs each layer with its scores
    # into one vertex of another name, which must still get the layer's masks
    q = keras.Input((5, 8), name="query")
    v_ids = keras.Input((7,), dtype="int32", name="value_tokens")
    v = L.Embedding(4, 8, mask_zero=True, name="value_embed")(v_ids)
    w = L.Embedding(4, 8, mask_zero=True, name="other_value_embed")(v_ids)
    cross, cross_scores = L.MultiHeadAttention(num_heads=2, key_dim=4, name="cross")(
        q, v, return_attention_scores=True)
    dot, dot_scores = L.Attention(name="dot")([q, w], return_attention_scores=True)
    return keras.Model([q, v_ids], [cross, cross_scores, dot, dot_scores], name="masked_value_scores")


CASES = [scored_attention_scores, multi_head_scores, layout_scores, unknown_length_scores, grouped_query_attention,
         grouped_query_sliding_window, masked_value_scores]


def main(argv):
    fixtures.make_cases(CASES, 1000, HERE, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
