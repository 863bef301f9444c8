"""moto_server with one fix, for both tools alike (bench/terraform/run.sh).

moto 5.2.1 gives every RDS DB instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U", rds/models.py), where
AWS makes it unique in a Region (DBInstance.DbiResourceId: "The Amazon Web Services Region-unique, immutable
identifier for the DB instance", RDS API reference). The aws provider 5.x keys aws_db_instance by that id
(hashicorp/terraform-provider-aws#31232, v5.0.0) and reads it back with DescribeDBInstances filtered on
dbi-resource-id: with two instances in the account the filter returns both, the provider takes "more than one" as
"not found", retries by DBInstanceIdentifier = the resource id, and moto answers 404 ("couldn't find resource").
The reconciler never reads DbiResourceId. So the emulator is made to do what AWS does; nothing else changes.

--moto indexed (the default) also installs bench/moto/indexed.py: unpatched moto's EC2 describe_tags scans every tag
of the account for every tag filter and every resource a Describe* returns, so its CPU per call grows with the account
(bench/results.md, "Profile first: where moto's CPU per call went") and, at 100 environments, the emulator, not either
tool, sets the pace. The patches keep every answer unchanged (bench/moto/check_indexed.py compares them). --moto plain
runs moto as released (but for the DbiResourceId fix), to compare.
"""
import os
import random
import string
import sys

from moto.rds import models
from moto.server import main

_init = models.DBInstance.__init__


def _unique_resource_id(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.dbi_resource_id = "db-" + "".join(random.choices(string.ascii_uppercase + string.digits, k=26))


models.DBInstance.__init__ = _unique_resource_id

if __name__ == "__main__":
    argv = sys.argv[1:]
    kind = "indexed"
    if "--moto" in argv:
        at = argv.index("--moto")
        kind = argv[at + 1] if at + 1 < len(argv) else ""
        del argv[at : at + 2]
    if kind not in ("indexed", "plain"):
        sys.exit(f"--moto indexed|plain, not {kind!r}")
    if kind == "indexed":
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "moto"))
        import indexed

        indexed.install()
    print(f"moto {kind} pid {os.getpid()}", flush=True)  # measure.sh reads moto's CPU from /proc/PID
    sys.exit(main(argv))
