#!/bin/sh
# Traces `kinspect samples/models/sine_lstm.keras --input samples/models/sine_lstm_input.npy` call by
# call in a child JVM (the Java debugger interface, FlowTraceTest in cli/) and prints, aligned: the
# stages cli and the root package enter, in order; each of those entries (caller, stage, method); and
# the calls between packages, with their direction in the flow. The test fails when a stage is
# entered again or out of flow order, or a call goes up the flow (ARCHITECTURE.md, "One trace").
# Takes about 15 s of CPU besides Maven. Extra arguments go to Maven: -o to stay offline.
cd "$(dirname "$0")/.." || exit 2
mvn -B -q -pl inspector,cli test -Dtest=FlowTraceTest -Dsurefire.failIfNoSpecifiedTests=false "$@"
status=$?
cat cli/target/flow-trace.txt || exit 2
exit $status
