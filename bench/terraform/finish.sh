#!/usr/bin/env bash
# finish.sh URL N: the steady-state part of run.sh at N environments, after a run whose applies were stopped by a time
# box (run.sh killed with -9 while applying: its moto_server at URL lives on). Environments 1..N must have applied for
# Terraform (apply.rc 0); with `tf` as 4th argument only Terraform's plan, else the reconciler's 2..N are applied here (1 already was), then the same measurements as run.sh
# at N: the controller's resyncs, `reconciler plan DIR`, and a Terraform plan of every state, 4 at once.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)
endpoint=$1 n=$2 tf_jobs=${3:-4} only=${4:-both}
out="$here/out"
mlog="$out/moto.log"
dll="$root/src/Reconciler/bin/Release/net10.0/reconciler.dll"
# shellcheck source=measure.sh
. "$here/measure.sh"
for i in $(seq 1 "$n"); do
  [ "$(cat "$out/tf/$(name tf "$i")/apply.rc" 2>/dev/null)" = 0 ] || { echo "tf-$i did not apply" >&2; exit 1; }
done
note "time box: the run was stopped in its applies; the steady state is measured at N = $n (finish.sh)"
if [ "$only" = tf ]; then
  measure "tf-plan-$n-r1" "$here/tf-each.sh" "$out" plan 0 "$n" "$tf_jobs" "plan-$n-r1"
  note "tf-plan-$n-r1 ($tf_jobs at once) exit codes: $(tf_exits "plan-$n-r1" 0 "$n")"
  exit 0
fi
folder="$out/rc/apply-2-$n"; mkdir -p "$folder" "$out/rc/set-$n"
for i in $(seq 2 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$folder/$(name rc "$i").yaml"; done
for i in $(seq 1 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$out/rc/set-$n/$(name rc "$i").yaml"; done
measure "rc-apply-2-$n" dotnet "$dll" apply "$folder"
measure "rc-plan-$n-r1" dotnet "$dll" plan "$out/rc/set-$n" --detailed-exitcode
measure "tf-plan-$n-r1" "$here/tf-each.sh" "$out" plan 0 "$n" "$tf_jobs" "plan-$n-r1"
note "tf-plan-$n-r1 ($tf_jobs at once) exit codes: $(tf_exits "plan-$n-r1" 0 "$n")"
before=$(requests)
python3 "$here/resync.py" "$mlog" 6 "$out/controller-$n.txt" -- dotnet "$dll" run --watch "$out/rc/set-$n" --resync 60s \
  >"$out/controller-$n.log" 2>&1 || note "controller-$n: resync.py did not see the start-up pass and 6 resyncs"
note "controller-$n: $(($(requests) - before)) calls in all while it ran (bursts in controller-$n.txt)"
