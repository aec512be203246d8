# Sourced by run.sh and bench_gateway.sh: the allocator `notegate serve` runs with.
# jemalloc (Debian's libjemalloc2, installed by setup.sh) measured 12-18% more $extract throughput than glibc
# malloc on this 2-core machine (docs/benchmarks-gateway.md): the pipeline allocates and frees many small
# objects from two threads. NOTEGATE_ALLOCATOR=system keeps glibc's malloc.
notegate_preload() {
  if [ "${NOTEGATE_ALLOCATOR:-jemalloc}" = "system" ]; then echo "${LD_PRELOAD:-}"; return; fi
  local lib
  lib="$(/sbin/ldconfig -p 2>/dev/null | awk '/libjemalloc\.so\.2 /{print $NF; exit}')"
  if [ -z "$lib" ]; then
    echo "allocator: libjemalloc.so.2 not found, using the system malloc" >&2
    echo "${LD_PRELOAD:-}"
    return
  fi
  echo "${lib}${LD_PRELOAD:+:$LD_PRELOAD}"
}
