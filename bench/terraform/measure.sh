# measure.sh: sourced by run.sh and finish.sh, after they set $endpoint, $out and $mlog. The emulator's environment
# (only moto: no profile, no real keys) and how a phase is measured, so that both scripts count the same way.
# Only the emulator: no profile, no real keys, no real endpoint.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
export AWS_DEFAULT_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true RECONCILER_POLL_CAP=1s RECONCILER_LOG_FORMAT=text
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
requests() { grep -c 'HTTP/1.1"' "$mlog" || true; }
name() { printf '%s-%04d' "$1" "$2"; }

# measure LABEL COMMAND...: one run, its wall/CPU/peak memory from /usr/bin/time (CPU of the process and all its
# children, e.g. the provider plugin; peak = the largest single process) and the requests moto answered meanwhile.
# moto's own CPU (user + system, s) meanwhile too, from /proc of the moto_server (moto_server.py logs its pid).
# raw.txt: label calls wall cpu peak_mb load_1min_at_start moto_cpu
moto_pid() { sed -n 's/^moto [a-z]* pid \([0-9]*\).*/\1/p' "$mlog" 2>/dev/null | head -1; }
moto_cpu() {
  local pid
  pid=$(moto_pid)
  [ -n "$pid" ] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$pid/stat" 2>/dev/null || echo 0
}
measure() {
  local label=$1; shift
  local before after load moto_before moto_after
  load=$(cut -d' ' -f1 /proc/loadavg)
  moto_before=$(moto_cpu)
  before=$(requests)
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.tmp" "$@" >>"$out/$label.log" 2>&1 || echo "exit $? ($label)" >>"$out/$label.log"
  after=$(requests)
  moto_after=$(moto_cpu)
  read -r wall user sys rss < <(tail -1 "$out/time.tmp") # the line before it says when the command failed
  local moto_used
  moto_used=$(echo "$moto_after - $moto_before" | bc)
  echo "$label $((after - before)) $wall $(echo "$user + $sys" | bc) $((rss / 1024)) $load $moto_used" >>"$out/raw.txt"
  echo "$(date -u +%H:%M:%S) $label: calls=$((after - before)) wall=${wall}s cpu=$(echo "$user + $sys" | bc)s peak=$((rss / 1024))MB load=$load moto_cpu=${moto_used}s" >&2
}

tf_dir() { if [ "$1" = 0 ]; then echo "$out/tf/shared"; else echo "$out/tf/$(name tf "$1")"; fi; }
# How the Terraform runs of TAG over FROM..TO ended: "exit code x count" (plan: 0 = no changes, 2 = changes, 1 = error)
tf_exits() { for i in $(seq "$2" "$3"); do cat "$(tf_dir "$i")/$1.rc"; done | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $2, $1}'; }
note() { echo "$*" >>"$out/notes.txt"; echo "$*" >&2; }
