#!/usr/bin/env bash
# bench/apply-dir.sh LABEL: `reconciler apply DIR` of 8 sample environments at once against a fresh moto (bench/moto/serve.py --indexed),
# then `plan --detailed-exitcode`; prints the wall time and moto's request count. DLL=path runs another build (e.g. one built aside).
# RECONCILER_API_BUDGET=off and other variables pass through. Figures: results.md, "Round four (lead)".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
dir=$(mktemp -d); log=$dir/moto.log
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=2 MOTO_ECS_SERVICE_RUNNING=2 MOTO_OPS_OUT=$dir/ops.txt python3 $root/bench/moto/serve.py --indexed -H 127.0.0.1 -p $port >$log 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; pkill -f "serve.py --indexed -H 127.0.0.1 -p $port" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break; sleep 0.2; done
unset AWS_PROFILE AWS_SESSION_TOKEN
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true RECONCILER_POLL_CAP=1s RECONCILER_LOG_FORMAT=text
mkdir -p $dir/envs
for i in 1 2 3 4 5 6 7 8; do e=ap8e0$i
  sed -e "0,/^  name: demo/s//  name: $e/" -e "s#/ecs/app#/ecs/$e#g" -e "s#api\.example\.com#$e.example.com#g" $root/samples/environment.yaml > $dir/envs/$e.yaml
done
dll=${DLL:-$root/src/Reconciler/bin/Release/net10.0/reconciler.dll}
start=$(date +%s.%N)
dotnet $dll apply $dir/envs > $dir/apply.log 2>&1 || { echo "apply failed"; tail -20 $dir/apply.log; }
end=$(date +%s.%N)
calls=$(grep -c '" 200 -\|HTTP/1.1" [0-9]' $log || true)
echo "$1: wall $(python3 -c "print(round($end-$start,1))") s, moto requests $(wc -l < $dir/ops.txt), ec2 mutating per second max: $(grep -v Describe $dir/ops.txt | grep ' ec2:' | awk '{print int($1)}' | sort | uniq -c | sort -rn | head -1)"
dotnet $dll plan $dir/envs --detailed-exitcode > $dir/plan.log 2>&1; echo "plan exit $?"
