#!/bin/sh
# Checks every random-architecture fixture (inspector/src/test/resources/random/, issue 15) against
# Keras's numbers, layer by layer: the normal suite runs a fixed sample of them (every common shape,
# every fifth random model). Extra arguments go to Maven (-o to stay offline).
cd "$(dirname "$0")/.." || exit 2
exec mvn -B -q -pl inspector test -Dtest=RandomArchitectureTest -Dkinspect.random=all "$@"
