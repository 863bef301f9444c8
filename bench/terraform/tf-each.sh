#!/usr/bin/env bash
# tf-each.sh OUT VERB FROM TO JOBS TAG: Terraform over the working directories OUT/tf/tf-FROM..TO, JOBS at once (run.sh);
# index 0 is OUT/tf/shared (the roles and the zone, one state of their own). VERB apply (-auto-approve) or plan
# (-detailed-exitcode); each one's output in DIR/TAG.log, its exit code in DIR/TAG.rc.
set -euo pipefail
out=$1 verb=$2 from=$3 to=$4 jobs=$5 tag=$6
args="apply -auto-approve"
[ "$verb" = plan ] && args="plan -detailed-exitcode"
seq "$from" "$to" | xargs -P "$jobs" -I{} sh -c \
  "if [ {} = 0 ]; then d=$out/tf/shared; else d=$out/tf/\$(printf 'tf-%04d' {}); fi
   terraform -chdir=\$d $args -input=false -no-color >\$d/$tag.log 2>&1; echo \$? >\$d/$tag.rc"
