#!/usr/bin/env bash
# Terraform side by side with the reconciler, in one run against ONE moto_server (bench/terraform/README.md).
#   bench/terraform/run.sh                 N = 1 and 10 environments
#   bench/terraform/run.sh --envs 1,10,100 the largest N also sets how many environments each tool applies
#   bench/terraform/run.sh --runs 3        counted runs of each 1-environment plan (wall, CPU, peak memory)
# Writes bench/terraform/out/figures.md (the tables results.md quotes); out/ also keeps every log. Needs terraform 1.11
# with hashicorp/aws 5.100 in /opt/tf-plugins, moto_server, python3 with boto3, the .NET 10 SDK.
#
# AWS calls are counted on moto's side, the same way for both tools: moto_server logs one line per HTTP request it
# answers ("POST / HTTP/1.1" 200); a phase's calls are the lines added to that log while it ran, less the bench's own
# (it makes none during a measured phase: the drifts are made between phases).
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
root=$(cd ../.. && pwd)

envs=1,10
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --envs) envs="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
max=$(tr ',' '\n' <<<"$envs" | sort -n | tail -1)

out="$here/out"
rm -rf "$out"
mkdir -p "$out/tf" "$out/rc"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

(cd "$root" && dotnet build Reconciler.sln -c Release -v quiet -nologo >"$out/build.log" 2>&1) || { tail -30 "$out/build.log" >&2; exit 1; }
dll="$root/src/Reconciler/bin/Release/net10.0/reconciler.dll"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
endpoint="http://127.0.0.1:$port"
mlog="$out/moto.log"
# As scripts/run-local.sh: AWS managed IAM policies exist; ACM issues certificates 2 s after the request.
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=2 moto_server -H 127.0.0.1 -p "$port" >"$mlog" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "$endpoint/moto-api/" && break; sleep 0.2; done

# Only the emulator: no profile, no real keys, no real endpoint.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=ap-northeast-1
export AWS_DEFAULT_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true RECONCILER_POLL_CAP=1s RECONCILER_LOG_FORMAT=text
export TF_IN_AUTOMATION=1 TF_INPUT=0 TF_CLI_ARGS_init="-plugin-dir=/opt/tf-plugins" CHECKPOINT_DISABLE=1
echo "moto_server on $endpoint" >&2

requests() { grep -c 'HTTP/1.1"' "$mlog" || true; }
figures="$out/figures.md"
: >"$figures"
say() { echo "$*" | tee -a "$figures" >&2; }
name() { printf '%s-%04d' "$1" "$2"; }

# measure LABEL COMMAND...: one run, its wall/CPU/peak memory from /usr/bin/time (CPU of the process and all its
# children, e.g. the provider plugin; peak = the largest single process) and the requests moto answered meanwhile.
measure() {
  local label=$1; shift
  local before after
  before=$(requests)
  /usr/bin/time -f '%e %U %S %M' -o "$out/time.tmp" "$@" >>"$out/$label.log" 2>&1 || echo "exit $? ($label)" >>"$out/$label.log"
  after=$(requests)
  read -r wall user sys rss < <(tail -1 "$out/time.tmp") # the line before it says when the command failed
  echo "$label $((after - before)) $wall $(echo "$user + $sys" | bc) $((rss / 1024))" >>"$out/raw.txt"
  echo "$label: calls=$((after - before)) wall=${wall}s cpu=$(echo "$user + $sys" | bc)s peak=$((rss / 1024))MB" >&2
}

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
# folders of 1, 10, ... specs for the steady-state plan
for n in $(tr ',' ' ' <<<"$envs"); do
  mkdir -p "$out/rc/set-$n"
  for i in $(seq 1 "$n"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$out/rc/set-$n/$(name rc "$i").yaml"; done
done

# --- Terraform's working directories: one per environment (its own state), in its own moto account
# Each environment in a moto account of its own (a 12-digit access key is moto's account id): with two RDS instances
# in one account, the provider 5.100 fails reading the new one back from moto ("couldn't find resource").
provider() { sed -e "s#@ENDPOINT@#$endpoint#" -e "s#@ACCOUNT@#$(printf '%012d' $((100000000000 + $2)))#" "$here/provider.tf.in" >"$1/provider.tf"; }
for i in $(seq 1 "$max"); do
  d="$out/tf/$(name tf "$i")"
  mkdir -p "$d"
  sed -e "s#../../module#$here/module#" -e "s#../../shared#$here/shared#" "$here/env/main.tf" >"$d/main.tf"
  echo "environment = \"$(name tf "$i")\"" >"$d/terraform.tfvars"
  provider "$d" "$i"
done
# init makes no AWS call; done up front so that it is in no figure
for d in "$out"/tf/*/; do (cd "$d" && terraform init -input=false >"$d/init.log" 2>&1) || { cat "$d/init.log" >&2; exit 1; }; done


# --- apply from empty, one environment, each tool in an empty account (each makes the roles and the zone too)
measure tf-apply-1 terraform -chdir="$out/tf/tf-0001" apply -auto-approve -input=false -no-color
measure rc-apply-1 dotnet "$dll" apply "$out/rc/one/rc-0001"

# --- the rest of the largest N, each tool's environments at once (not measured per environment)
if [ "$max" -gt 1 ]; then
  folder="$out/rc/rest"
  mkdir -p "$folder"
  for i in $(seq 2 "$max"); do cp "$out/rc/one/$(name rc "$i")/environment.yaml" "$folder/$(name rc "$i").yaml"; done
  # Terraform: one apply per working directory, 4 at a time (a CI matrix on this 2-core machine)
  seq 2 "$max" | measure "tf-apply-rest" xargs -P 4 -I{} sh -c \
    "terraform -chdir=$out/tf/\$(printf 'tf-%04d' {}) apply -auto-approve -input=false -no-color >$out/tf/\$(printf 'tf-%04d' {})/apply.log 2>&1"
  measure "rc-apply-rest" dotnet "$dll" apply "$folder"
fi

# --- steady state: everything converged; every plan must find nothing to do
for n in $(tr ',' ' ' <<<"$envs"); do
  for r in $(seq 1 "$runs"); do
    measure "rc-plan-$n-r$r" dotnet "$dll" plan "$out/rc/set-$n" --detailed-exitcode
    # Terraform as its users run it: one plan per environment's working directory, one after another
    measure "tf-plan-$n-r$r" sh -c "for i in \$(seq 1 $n); do terraform -chdir=$out/tf/\$(printf 'tf-%04d' \$i) plan -detailed-exitcode -input=false -no-color || echo \"exit \$? in \$i\"; done"
    [ "$n" -ge 10 ] && break # one run of the larger N: they take long
  done
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
  echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
  echo "| commit | $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) |"
  echo "| cores (nproc) / memory | $(nproc) / $(free -h | awk '/^Mem:/ {print $2}') |"
  echo "| CPU | $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') |"
  echo "| load average at start / end | $load_before / $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo "| terraform / provider | $(terraform version | head -1) / hashicorp/aws 5.100.0 |"
  echo "| moto_server / .NET SDK | $(python3 -c 'import moto; print(moto.__version__)') / $(dotnet --version) |"
  echo
  echo "| phase | AWS calls | wall s | CPU s | peak MB |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  awk '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$out/raw.txt"
} >>"$figures"
echo "wrote $figures" >&2
