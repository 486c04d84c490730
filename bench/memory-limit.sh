# A container's memory limit for a benchmark's server (sourced, not run): a memory cgroup with a hard limit, as
# `docker run --memory` makes one, so that "fits in a 256 MiB container" is tested rather than inferred from the
# resident size. Needs root and a writable memory cgroup (cgroup v2, or v1's memory controller); elsewhere the
# functions say why and the benchmark runs without a limit.
#
#   memory_limit_create 256M   # sets MEMORY_CGROUP (a new cgroup) or MEMORY_LIMIT_MISSING (why there is none)
#   memory_limit_enter         # in a subshell, before exec: moves that subshell into the cgroup
#   memory_limit_report        # one line: the limit, the peak usage, processes killed for memory
#   memory_limit_remove

MEMORY_CGROUP="" MEMORY_LIMIT_MISSING="" MEMORY_CGROUP_VERSION=""

# the memory cgroup this shell is in, on cgroup v2 or on v1's memory hierarchy
# sets MEMORY_CGROUP_PARENT and MEMORY_CGROUP_VERSION, or leaves them empty
memory_cgroup_parent() {
  MEMORY_CGROUP_PARENT="" MEMORY_CGROUP_VERSION=""
  if [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw memory /sys/fs/cgroup/cgroup.controllers; then
    MEMORY_CGROUP_VERSION=2
    MEMORY_CGROUP_PARENT="/sys/fs/cgroup$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)"
  elif [ -d /sys/fs/cgroup/memory ]; then
    MEMORY_CGROUP_VERSION=1
    MEMORY_CGROUP_PARENT="/sys/fs/cgroup/memory$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/self/cgroup)"
  fi
}

memory_limit_create() {
  local limit=$1 parent
  memory_cgroup_parent
  parent=$MEMORY_CGROUP_PARENT
  if [ -z "$parent" ] || [ ! -w "$parent" ]; then
    MEMORY_LIMIT_MISSING="no writable memory cgroup here (needs root; cgroup v2 or v1's memory controller)"
    return 0
  fi
  MEMORY_CGROUP="$parent/ampulla-bench-$$"
  if ! mkdir -p "$MEMORY_CGROUP" 2>/dev/null; then
    MEMORY_LIMIT_MISSING="cannot create a cgroup under $parent" MEMORY_CGROUP=""
    return 0
  fi
  if [ "$MEMORY_CGROUP_VERSION" = 2 ]; then
    # v2 moves a process only into a leaf whose parent delegates the memory controller
    echo "+memory" >"$parent/cgroup.subtree_control" 2>/dev/null || true
    echo "$limit" >"$MEMORY_CGROUP/memory.max" && echo 0 >"$MEMORY_CGROUP/memory.swap.max" 2>/dev/null
  else
    echo "$limit" >"$MEMORY_CGROUP/memory.limit_in_bytes" \
      && { echo "$limit" >"$MEMORY_CGROUP/memory.memsw.limit_in_bytes" 2>/dev/null || true; }
  fi || { MEMORY_LIMIT_MISSING="cannot set a limit in $MEMORY_CGROUP"; rmdir "$MEMORY_CGROUP"; MEMORY_CGROUP=""; }
}

memory_limit_enter() {
  [ -z "$MEMORY_CGROUP" ] || echo "$BASHPID" >"$MEMORY_CGROUP/cgroup.procs"
}

memory_limit_report() {
  if [ -z "$MEMORY_CGROUP" ]; then
    echo "no memory limit: $MEMORY_LIMIT_MISSING"
    return 0
  fi
  local limit peak kills
  if [ "$MEMORY_CGROUP_VERSION" = 2 ]; then
    limit=$(cat "$MEMORY_CGROUP/memory.max")
    peak=$(cat "$MEMORY_CGROUP/memory.peak" 2>/dev/null || echo "?")
    kills=$(awk '$1 == "oom_kill" { print $2 }' "$MEMORY_CGROUP/memory.events")
  else
    limit=$(cat "$MEMORY_CGROUP/memory.limit_in_bytes")
    peak=$(cat "$MEMORY_CGROUP/memory.max_usage_in_bytes")
    kills=$(awk '$1 == "oom_kill" { print $2 }' "$MEMORY_CGROUP/memory.oom_control")
  fi
  awk -v l="$limit" -v p="$peak" -v k="${kills:-?}" 'BEGIN {
    printf "memory limit %.0f MiB: the cgroup'"'"'s peak usage %s MiB (page cache of its files included, which the kernel\
 reclaims at the limit); processes killed for memory: %s\n", l / 1048576,
      (p ~ /^[0-9]+$/ ? sprintf("%.0f", p / 1048576) : p), k }'
}

memory_limit_remove() {
  [ -z "$MEMORY_CGROUP" ] || rmdir "$MEMORY_CGROUP" 2>/dev/null || true
}
