#!/usr/bin/env bash
# Converges samples/environment.yaml (or the specs given) against a local moto_server that this script starts
# and stops itself, with throwaway credentials: it can never reach a real AWS account by surprise.
#   scripts/run-local.sh                 apply the sample, then show that a second plan is empty
#   scripts/run-local.sh plan my.yaml    any CLI verb and arguments
set -euo pipefail
cd "$(dirname "$0")/.."

command -v moto_server >/dev/null || { echo "moto_server is not installed: pip install 'moto[server]'" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
# moto: AWS managed IAM policies exist; ACM issues certificates 2 s after the request (so the wait shows).
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_ACM_VALIDATION_WAIT=2 moto_server -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break
  sleep 0.2
done

# Only the emulator: no profile, no real keys, no real endpoint.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_REGION=ap-northeast-1 AWS_EC2_METADATA_DISABLED=true RECONCILER_POLL_CAP=1s
export RECONCILER_LOG_FORMAT="${RECONCILER_LOG_FORMAT:-text}"
echo "moto_server on $AWS_ENDPOINT_URL" >&2

dotnet build src/Reconciler -c Release -v quiet -nologo >&2
run() { dotnet run --no-build -c Release --project src/Reconciler -- "$@"; }
if [ $# -gt 0 ]; then
  run "$@"
else
  run apply samples/environment.yaml
  echo "--- a second plan must be empty:" >&2
  run plan samples/environment.yaml --detailed-exitcode
fi
