#!/usr/bin/env bash
# bench/run.sh — the import-time benchmark, end to end, and BENCHMARKS.md rewritten with its numbers.
#
#   bench/run.sh                      # everything (about 10-15 minutes on the 2-core machine)
#   bench/run.sh --only mlp,cnn2d     # some cases (names: bench/run.sh --list)
#   bench/run.sh --skip-build         # reuse bench/target/kinspect-bench.jar
#   DL4J_TIMEOUT=120 bench/run.sh     # one limit for every DL4J import (default: 30 s for the corpus
#                                     # files, 60 s for the large model; past it a run counts as not finished)
#
# 1. Builds bench/target/kinspect-bench.jar (JMH, the harness, DL4J with native HDF5 for this platform)
#    in one reactor with this checkout's inspector (bench/reactor-pom.xml): the bench module is not in the
#    root pom's <modules>, and taking kinspect-inspector from the shared local repository races with
#    other builds installing it.
# 2. Makes the large model (bench/target/models/, ~270 MB per file, never committed) with the real Keras 3
#    of ../shared/tools/keras3 when the files are missing. Without that chroot the large cases are
#    reported as missing; to make it: ../shared/tools/keras3-setup GIT_DIR (read its header).
# 3. Runs every case in its own JVMs (org.kinspect.bench.Harness all): alternated pairs ours/baseline,
#    a fresh-JVM import of each under /usr/bin/time -v (peak memory), a phase profile of the large model.
# 4. Writes the results between the GENERATED markers of BENCHMARKS.md (the rest of the file is kept);
#    raw numbers stay in bench/target/results/.
#
# The measuring JVMs run with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (unless GLIBC_TUNABLES is set), as the
# `kinspect` launcher runs kinspect: malloc's large blocks (ND4J's arrays, the parameter vector) get
# transparent huge pages. Both sides of a pair run in the same JVM, so the baseline has the same setting
# (jhdf reads into the Java heap, which malloc does not allocate; DL4J's arrays are malloc's too).
set -euo pipefail
if [ -z "${GLIBC_TUNABLES+set}" ]; then
  export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
fi

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_DIR")"
SHARED="${KINSPECT_SHARED:-$REPO/../shared}"
CORPUS="$SHARED/corpus/dl4j-test-resources/modelimport/keras"
KERAS3="$SHARED/tools/keras3"
MODELS="$BENCH_DIR/target/models"
RESULTS="$BENCH_DIR/target/results"
JAR="$BENCH_DIR/target/kinspect-bench.jar"
OUT="$REPO/BENCHMARKS.md"
timeout=()
[ -n "${DL4J_TIMEOUT:-}" ] && timeout=(--dl4j-timeout "$DL4J_TIMEOUT")

build=1
only=()
list=0
args=("$@")
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0 ;;
    --only) only=(--only "$2"); shift ;;
    --list) list=1 ;;
    -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ] || [ ! -f "$JAR" ]; then
  echo "== building the benchmark jar with this checkout's inspector"
  (cd "$REPO" && mvn -B -q -f bench/reactor-pom.xml package -Dmaven.test.skip=true)
fi

harness() {
  java -Xmx512m -cp "$JAR" org.kinspect.bench.Harness "$@" --corpus "$CORPUS" --models "$MODELS"
}

if [ "$list" = 1 ]; then
  harness list
  exit 0
fi

if [ ! -d "$CORPUS" ]; then
  echo "run.sh: no corpus at $CORPUS: the corpus cases will be reported as missing" >&2
fi

if [ ! -f "$MODELS/large_lstm_keras2.h5" ] || [ ! -f "$MODELS/large_lstm_keras3.h5" ] \
    || [ ! -f "$MODELS/large_lstm.keras" ]; then
  if [ -x "$KERAS3" ] && [ -x "${KERAS3_ROOT:-/opt/kchroot}/usr/bin/python3" ]; then
    echo "== making the large model with Keras 3 (a few minutes)"
    # keras3 mounts the parent of the working directory into its chroot: run it from the repository.
    (cd "$REPO" && "$KERAS3" python3 bench/make_large_model.py "$MODELS")
  else
    echo "run.sh: no Keras 3 chroot, so no large model: its cases will be reported as missing." >&2
    echo "        To make one: $SHARED/tools/keras3-setup GIT_DIR_OF_keras-team/keras (see its header)," >&2
    echo "        then run bench/run.sh again." >&2
  fi
fi

commit="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$commit" != unknown ] && ! git -C "$REPO" diff --quiet HEAD -- inspector 2>/dev/null; then
  commit="$commit + uncommitted changes in inspector/"
fi

echo "== running the benchmark (results in $RESULTS)"
harness all --results "$RESULTS" --out "$OUT" --command "bench/run.sh${args[*]:+ ${args[*]}}" \
  --commit "$commit" "${timeout[@]}" "${only[@]}"
