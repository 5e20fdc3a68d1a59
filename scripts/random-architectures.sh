#!/bin/sh
# Checks every random-architecture fixture (inspector/src/test/resources/random/, issue 15) against
# Keras's numbers, layer by layer, alone (the suite checks them too). Extra arguments go to Maven:
# -o to stay offline, -Dkinspect.random=sample for a fixed sample, =random_017,dense_on_image for
# the cases named.
cd "$(dirname "$0")/.." || exit 2
exec mvn -B -q -pl inspector test -Dtest=RandomArchitectureTest -Dkinspect.random=all "$@"
