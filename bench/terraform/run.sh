#!/usr/bin/env bash
# Terraform side by side with the reconciler, in one run against ONE moto_server (bench/terraform/README.md).
#   nice -n 5 bench/terraform/run.sh                      N = 1, 10 and 30 environments
#   nice -n 5 bench/terraform/run.sh --envs 1,10,100      issue 14's sizes (Terraform's applies alone take hours here)
#   --runs 2         counted runs of each steady-state plan at N <= 10 (one at larger N)
#   --tf-jobs 4      Terraform plans run at once at N > 1 (a CI matrix of 4 runners on this 2-core machine)
#   --apply-jobs 10  Terraform applies run at once
#   --skip-build     use the reconciler as last built (src/Reconciler/bin/Release)
#   --moto plain     moto as released (but for moto_server.py's DbiResourceId fix); the default, indexed, adds
#                    bench/moto/indexed.py's answer-preserving patches, so moto's CPU per call does not grow with the
#                    account (both tools meet the same moto either way)
#   --resume URL N   go on with the sizes above N against the moto_server at URL that a run left (killed with -9,
#                    so that its moto_server lives on), in the same out/
# Environments are added as N grows: apply from empty of environments 1, then 2..10, then 11..100, each tool in turn,
# each followed by the steady-state measurements at that N. Writes bench/terraform/out/raw.txt (one line per phase) and
# out/figures.md; out/ also keeps every log. Needs terraform 1.11 with hashicorp/aws 5.100 in /opt/tf-plugins, moto
# (python3, boto3), the .NET 10 SDK.
#
# AWS calls are counted on moto's side, the same way for both tools: moto_server logs one line per HTTP request it
# answers ("POST / HTTP/1.1" 200); a phase's calls are the lines added to that log while it ran. The bench itself
# makes no call during a measured phase (the drifts are made between phases).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)

envs=1,10,30
runs=2
tf_jobs=4
apply_jobs=10
build=1
moto_kind=indexed
resume=""
after=0
while [ $# -gt 0 ]; do
  case "$1" in
    --envs) envs="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --tf-jobs) tf_jobs="$2"; shift 2 ;;
    --apply-jobs) apply_jobs="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    --moto) moto_kind="$2"; shift 2 ;;
    --resume) resume="$2"; after="$3"; build=0; shift 3 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
sizes=$(tr ',' '\n' <<<"$envs" | sort -n | tr '\n' ' ')
max=$(tr ' ' '\n' <<<"$sizes" | grep . | tail -1)

out="$here/out"
[ -n "$resume" ] || rm -rf "$out"
mkdir -p "$out/tf" "$out/rc"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

[ "$build" = 0 ] || (cd "$root" && dotnet build Reconciler.sln -c Release -v quiet -nologo >"$out/build.log" 2>&1) || { tail -30 "$out/build.log" >&2; exit 1; }
dll="$root/src/Reconciler/bin/Release/net10.0/reconciler.dll"

if [ -n "$resume" ]; then
  endpoint=$resume
  mlog="$out/moto.log"
else
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
endpoint="http://127.0.0.1:$port"
mlog="$out/moto.log"
# As scripts/run-local.sh (AWS managed IAM policies exist; ACM issues certificates 2 s after the request), through
# moto_server.py: moto with unique RDS resource ids, as AWS has them, and (--moto indexed, the default) the patches
# that keep its CPU per call flat as the account grows (the file says why). MOTO_ECS_SERVICE_RUNNING=2, the sample's
# desiredCount: unset, moto runs no task and every ECS rollout stays IN_PROGRESS for ever (moto/ecs/models.py), which
# the controller polls every 30 s per environment; on AWS a rollout ends.
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=2 MOTO_ECS_SERVICE_RUNNING=2 python3 "$here/moto_server.py" --moto "$moto_kind" -H 127.0.0.1 -p "$port" >"$mlog" 2>&1 &
moto=$!
# $! may be a launcher's (pyenv's shim runs python as its child): moto_server.py logs its own pid
trap 'kill $moto $(moto_pid) 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$endpoint/moto-api/" && break; sleep 0.2; done
fi

# shellcheck source=measure.sh
. "$here/measure.sh"
echo "moto_server on $endpoint" >&2

# --- the reconciler's specs: the sample under each environment's name, as bench/Reconciler.Bench/SampleSpecs.cs does
spec() {
  sed -e "0,/^  name: demo/s//  name: $1/" -e "s#/ecs/app#/ecs/$1#g" -e "s#api\.example\.com#$1.example.com#g" \
    "$root/samples/environment.yaml"
}
for i in $(seq 1 "$max"); do
  e=$(name rc "$i")
  mkdir -p "$out/rc/one/$e"
  spec "$e" >"$out/rc/one/$e/environment.yaml"
done
for n in $sizes; do
  mkdir -p "$out/rc/set-$n"
  for i in $(seq 1 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$out/rc/set-$n/$(name rc "$i").yaml"; done
done

# --- Terraform's working directories: shared/ (one state) and one per environment (its own state)
sed -e "s#@ENDPOINT@#$endpoint#" "$here/provider.tf.in" >"$out/provider.tf"
mkdir -p "$out/tf/shared"
cp "$here/shared/main.tf" "$out/provider.tf" "$out/tf/shared/"
for i in $(seq 1 "$max"); do
  d="$out/tf/$(name tf "$i")"
  mkdir -p "$d"
  sed -e "s#../../module#$here/module#" "$here/env/main.tf" >"$d/main.tf"
  cp "$out/provider.tf" "$d/"
  printf 'environment  = "%s"\nshared_state = "%s"\n' "$(name tf "$i")" "$out/tf/shared/terraform.tfstate" >"$d/terraform.tfvars"
done
# init makes no AWS call (the provider is linked from the local plugin directory); done up front, in no figure
ls -d "$out"/tf/*/ | while read -r d; do [ -d "$d/.terraform" ] || echo "$d"; done | xargs -r -P 4 -I{} sh -c 'cd {} && terraform init -input=false -plugin-dir=/opt/tf-plugins >init.log 2>&1 || { cat init.log >&2; exit 255; }'


# The controller over set-N: the start-up pass and 6 resyncs (one full cycle of --detail-every 6), counted by resync.py
controller() {
  local n=$1 period=$2
  local before
  before=$(requests)
  python3 "$here/resync.py" "$mlog" 6 "$out/controller-$n.txt" -- dotnet "$dll" run --watch "$out/rc/set-$n" --resync "$period" \
    >"$out/controller-$n.log" 2>&1 || note "controller-$n: resync.py did not see the start-up pass and 6 resyncs"
  note "controller-$n: $(($(requests) - before)) calls in all while it ran (bursts in controller-$n.txt)"
}

prev=$after
for n in $sizes; do
  [ "$n" -gt "$after" ] || continue
  # --- apply from empty: environments prev+1..n, each tool in turn
  from=$((prev + 1))
  if [ "$prev" -eq 0 ]; then
    # the first environment with what environments share: Terraform's shared/ state, the reconciler's roles and zone
    measure tf-apply-1 sh -c "terraform -chdir=$out/tf/shared apply -auto-approve -input=false -no-color && \
      terraform -chdir=$out/tf/tf-0001 apply -auto-approve -input=false -no-color; echo \$? >$out/tf/tf-0001/apply.rc"
    measure rc-apply-1 dotnet "$dll" apply "$out/rc/one/rc-0001"
    note "tf-apply 1..1 exit codes: $(tf_exits apply 1 1)"
    from=2
  fi
  if [ "$n" -ge "$from" ]; then
    # the others at once (--envs 100 alone: 1, then 2..100)
    measure "tf-apply-$from-$n" "$here/tf-each.sh" "$out" apply "$from" "$n" "$apply_jobs" apply
    folder="$out/rc/apply-$from-$n"
    mkdir -p "$folder"
    for i in $(seq "$from" "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$folder/$(name rc "$i").yaml"; done
    measure "rc-apply-$from-$n" dotnet "$dll" apply "$folder"
  fi
  [ "$n" -lt "$from" ] || note "tf-apply $from..$n exit codes: $(tf_exits apply "$from" "$n")"

  # --- steady state at N: everything converged; every plan must find nothing to do. Terraform: the shared state and
  # the N environments' states, one plan each (index 0 is shared/), tf_jobs at once.
  # the controller first: the shorter measurement, should a time box end the run in the longer one
  period=20s; [ "$n" -gt 10 ] && period=30s; [ "$n" -gt 40 ] && period=60s
  controller "$n" "$period"
  reps=$runs; [ "$n" -gt 1 ] && reps=1
  for r in $(seq 1 "$reps"); do
    measure "rc-plan-$n-r$r" dotnet "$dll" plan "$out/rc/set-$n" --detailed-exitcode
    jobs=$tf_jobs; [ "$n" -eq 1 ] && jobs=1
    measure "tf-plan-$n-r$r" "$here/tf-each.sh" "$out" plan 0 "$n" "$jobs" "plan-$n-r$r"
    note "tf-plan-$n-r$r ($jobs at once) exit codes: $(tf_exits "plan-$n-r$r" 0 "$n")"
  done
  prev=$n
done

# --- drift: the same three hand-made changes on environment 1 of each tool, then each tool's read-only check
python3 "$here/drift.py" "$endpoint" rc-0001 >"$out/drift-rc.txt"
python3 "$here/drift.py" "$endpoint" tf-0001 >"$out/drift-tf.txt"
measure rc-drift dotnet "$dll" plan "$out/rc/one/rc-0001" --detailed-exitcode
measure tf-drift terraform -chdir="$out/tf/tf-0001" plan -refresh-only -detailed-exitcode -input=false -no-color

# --- figures
{
  echo "| machine | |"
  echo "| --- | --- |"
  echo "| run | $started to $(date -u '+%H:%M UTC') |"
  echo "| commit | $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) |"
  echo "| cores (nproc) / memory | $(nproc) / $(free -h | awk '/^Mem:/ {print $2}') |"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') |"
  echo "| load average at start / end | $load_before / $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| terraform / provider | $(terraform version | head -1) / hashicorp/aws 5.100.0 |"
  echo "| moto_server / .NET SDK | $(python3 -c 'import moto; print(moto.__version__)') ($(grep -m1 '^moto ' "$mlog" || echo "moto ?")) / $(dotnet --version) |"
  echo
  echo "| phase | AWS calls | wall s | CPU s | peak MB | load (1 min) at start | moto CPU s | moto CPU ms per call |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, ($2 > 0 && $7 != "" ? sprintf("%.1f", 1000 * $7 / $2) : "") }' "$out/raw.txt"
  for f in "$out"/controller-*.txt; do
    echo
    echo "$(basename "$f" .txt): burst calls wall_s cpu_s"
    cat "$f"
  done
  echo
  cat "$out/notes.txt"
} >"$out/figures.md"
echo "wrote $out/figures.md" >&2
