"""moto_server with one fix, for both tools alike (bench/terraform/run.sh).

moto 5.2.1 gives every RDS DB instance the same DbiResourceId ("db-M5ENSHXFPU6XHZ4G4ZEI5QIO2U", rds/models.py), where
AWS makes it unique in a Region (DBInstance.DbiResourceId: "The Amazon Web Services Region-unique, immutable
identifier for the DB instance", RDS API reference). The aws provider 5.x keys aws_db_instance by that id
(hashicorp/terraform-provider-aws#31232, v5.0.0) and reads it back with DescribeDBInstances filtered on
dbi-resource-id: with two instances in the account the filter returns both, the provider takes "more than one" as
"not found", retries by DBInstanceIdentifier = the resource id, and moto answers 404 ("couldn't find resource").
The reconciler never reads DbiResourceId. So the emulator is made to do what AWS does; nothing else changes.
"""
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
    sys.exit(main(sys.argv[1:]))
