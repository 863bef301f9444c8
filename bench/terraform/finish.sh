#!/usr/bin/env bash
# finish.sh URL N: the steady-state part of run.sh at N environments, after a run whose applies were stopped by a time
# box (run.sh killed with -9 while applying: its moto_server at URL lives on). Environments 1..N must have applied for
# Terraform (apply.rc 0); the reconciler's 2..N are applied here (1 already was), then the same measurements as run.sh
# at N: the controller's resyncs, `reconciler plan DIR`, and a Terraform plan of every state, 4 at once.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
endpoint=$1 n=$2 tf_jobs=${3:-4} only=${4:-both}
out="$here/out"
mlog="$out/moto.log"
dll="$root/src/Reconciler/bin/Release/net10.0/reconciler.dll"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
export AWS_DEFAULT_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true RECONCILER_POLL_CAP=1s RECONCILER_LOG_FORMAT=text
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
requests() { grep -c 'HTTP/1.1"' "$mlog" || true; }
name() { printf '%s-%04d' "$1" "$2"; }
note() { echo "$*" >>"$out/notes.txt"; echo "$*" >&2; }
measure() {
  local label=$1; shift
  local before after load
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(requests)
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.tmp" "$@" >>"$out/$label.log" 2>&1 || echo "exit $? ($label)" >>"$out/$label.log"
  after=$(requests)
  read -r wall user sys rss < <(tail -1 "$out/time.tmp")
  echo "$label $((after - before)) $wall $(echo "$user + $sys" | bc) $((rss / 1024)) $load" >>"$out/raw.txt"
  echo "$(date -u +%H:%M:%S) $label: calls=$((after - before)) wall=${wall}s cpu=$(echo "$user + $sys" | bc)s peak=$((rss / 1024))MB load=$load" >&2
}
for i in $(seq 1 "$n"); do
  [ "$(cat "$out/tf/$(name tf "$i")/apply.rc" 2>/dev/null)" = 0 ] || { echo "tf-$i did not apply" >&2; exit 1; }
done
note "time box: Terraform's applies stopped after $n environments; the steady state is measured at N = $n (finish.sh)"
if [ "$only" = tf ]; then
  measure "tf-plan-$n-r1" "$here/tf-each.sh" "$out" plan 0 "$n" "$tf_jobs" "plan-$n-r1"
  note "tf-plan-$n-r1 ($tf_jobs at once) exit codes: $(for i in $(seq 0 "$n"); do d=$out/tf/shared; [ "$i" = 0 ] || d=$out/tf/$(name tf "$i"); cat "$d/plan-$n-r1.rc"; done | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $2, $1}')"
  exit 0
fi
folder="$out/rc/apply-2-$n"; mkdir -p "$folder" "$out/rc/set-$n"
for i in $(seq 2 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$folder/$(name rc "$i").yaml"; done
for i in $(seq 1 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$out/rc/set-$n/$(name rc "$i").yaml"; done
measure "rc-apply-2-$n" dotnet "$dll" apply "$folder"
measure "rc-plan-$n-r1" dotnet "$dll" plan "$out/rc/set-$n" --detailed-exitcode
measure "tf-plan-$n-r1" "$here/tf-each.sh" "$out" plan 0 "$n" "$tf_jobs" "plan-$n-r1"
tf_dir() { if [ "$1" = 0 ]; then echo "$out/tf/shared"; else echo "$out/tf/$(name tf "$1")"; fi; }
note "tf-plan-$n-r1 ($tf_jobs at once) exit codes: $(for i in $(seq 0 "$n"); do cat "$(tf_dir "$i")/plan-$n-r1.rc"; done | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $2, $1}')"
before=$(requests)
python3 "$here/resync.py" "$mlog" 6 "$out/controller-$n.txt" -- dotnet "$dll" run --watch "$out/rc/set-$n" --resync 60s \
  >"$out/controller-$n.log" 2>&1 || note "controller-$n: resync.py did not see the start-up pass and 6 resyncs"
note "controller-$n: $(($(requests) - before)) calls in all while it ran (bursts in controller-$n.txt)"
