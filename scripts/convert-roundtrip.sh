#!/bin/sh
# Converts every fixture model (inspector/src/test/resources) and every corpus model (../shared/corpus,
# when it is there) with InspectedModel.save, reads each back and checks it against its fresh import:
# the same summary, DL4J configuration of every vertex, parameters, Keras weights, and every layer's
# output bit for bit on Keras's reference inputs (issue 21). CI takes every 24th model; this takes all
# (about 15-30 minutes on the 2-core machine). Extra arguments go to Maven: -o to stay offline,
# -Dkinspect.roundtrip.only=masking/ for the models whose path contains that text.
cd "$(dirname "$0")/.." || exit 2
exec mvn -B -q -pl inspector test -Dtest=ConvertedModelRoundTripTest -Dkinspect.roundtrip.all=true "$@"
