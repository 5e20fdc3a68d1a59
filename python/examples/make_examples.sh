#!/bin/sh
# Reference files written by ../kinspect_reference.py for two sample models, committed so that the
# tests (ReferenceWriterTest) check, without Python, that what the script writes is read by
# `kinspect verify` and matches: a seq2seq model whose encoder returns its states (encoder__1,
# encoder__2) and a Siamese model whose encoder is called twice (encoder@1).
# Regenerate from the repository root with any Keras (here the shared Keras 3):
#   ../shared/tools/keras3 sh python/examples/make_examples.sh
set -e
for model in reverse_digits siamese_heads; do
  python3 python/kinspect_reference.py samples/models/$model.keras python/examples/${model}_io.h5 --batch 2 --seed 0
done
