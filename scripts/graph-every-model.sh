#!/bin/sh
# Draws the graph of every model file: every fixture under inspector/src/test/resources, every
# sample and every corpus model (../shared/corpus, when present), and checks each SVG against
# Keras's configuration: one node per layer call, one edge per connection (GraphOfEveryModelTest;
# the suite checks every 12th fixture and corpus file). About 1644 files, 1.5 minutes on 2 cores.
# Extra arguments go to Maven: -o to stay offline.
cd "$(dirname "$0")/.." || exit 2
exec mvn -B -q -pl inspector test -Dtest=GraphOfEveryModelTest -Dkinspect.graph.everyModel=true "$@"
