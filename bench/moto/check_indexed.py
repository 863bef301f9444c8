"""Checks that bench/moto/indexed.py does not change moto's answers (run: python3 bench/moto/check_indexed.py).

In one process (moto's in-memory mock, one account): seeds a few environments the way the sample's kinds are tagged,
then sends each read the reconciler's observation sends (tag-filtered Describe*, by id, the Tagging API's pages), once
without the patches and once with them, against the same backends, and compares the answers field by field (only the
request ids differ; the Tagging API's opaque page tokens are compared by position: present or not).
"""
import json
import os
import sys

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import indexed  # noqa: E402

REGION = "eu-west-1"
ENVIRONMENTS = 6


def tags(env, name):
    return [{"Key": "reconciler:environment", "Value": env}, {"Key": "reconciler:resource", "Value": name}, {"Key": "Name", "Value": f"{env}-{name}"}]


def seed():
    ec2 = boto3.client("ec2", region_name=REGION)
    ids = {}
    for i in range(ENVIRONMENTS):
        env = f"fleet-{i:04d}"
        vpc = ec2.create_vpc(CidrBlock=f"10.{i}.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": tags(env, "vpc")}])["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{i}.{k}.0/24", TagSpecifications=[{"ResourceType": "subnet", "Tags": tags(env, f"subnet-{k}")}])["Subnet"]["SubnetId"] for k in range(3)]
        igw = ec2.create_internet_gateway(TagSpecifications=[{"ResourceType": "internet-gateway", "Tags": tags(env, "igw")}])["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
        rtb = ec2.create_route_table(VpcId=vpc, TagSpecifications=[{"ResourceType": "route-table", "Tags": tags(env, "rtb")}])["RouteTable"]["RouteTableId"]
        web = ec2.create_security_group(GroupName=f"{env}-web", Description="web", VpcId=vpc, TagSpecifications=[{"ResourceType": "security-group", "Tags": tags(env, "web")}])["GroupId"]
        db = ec2.create_security_group(GroupName=f"{env}-db", Description="db", VpcId=vpc, TagSpecifications=[{"ResourceType": "security-group", "Tags": tags(env, "db")}])["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": web}]}])
        eip = ec2.allocate_address(Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": tags(env, "eip")}])["AllocationId"]
        ec2.create_nat_gateway(SubnetId=subnets[0], AllocationId=eip, TagSpecifications=[{"ResourceType": "natgateway", "Tags": tags(env, "nat")}])
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "extra", "Value": str(i)}])
        ids[env] = {"vpc": vpc, "subnets": subnets, "web": web, "db": db}
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=f"{env}-assets", CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_bucket_tagging(Bucket=f"{env}-assets", Tagging={"TagSet": tags(env, "assets")})
        logs = boto3.client("logs", region_name=REGION)
        logs.create_log_group(logGroupName=f"/{env}/app", tags={"reconciler:environment": env})
    # An untagged resource and one of another owner, as a shared account holds.
    ec2.create_vpc(CidrBlock="172.16.0.0/16")
    ec2.create_vpc(CidrBlock="172.17.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "owner", "Value": "someone-else"}]}])
    return ids


def reads(ids):
    """Every read, as (label, callable returning the answer without ResponseMetadata)."""
    ec2 = boto3.client("ec2", region_name=REGION)
    tagging = boto3.client("resourcegroupstaggingapi", region_name=REGION)
    envs = sorted(ids)
    by_env = [{"Name": "tag:reconciler:environment", "Values": envs[:4]}]
    calls = []
    for op in ["describe_vpcs", "describe_subnets", "describe_security_groups", "describe_internet_gateways", "describe_route_tables", "describe_nat_gateways", "describe_addresses"]:
        calls.append((f"{op} by tag", lambda op=op: getattr(ec2, op)(Filters=by_env)))
        calls.append((f"{op} all", lambda op=op: getattr(ec2, op)()))
    calls.append(("describe_vpcs tag-key", lambda: ec2.describe_vpcs(Filters=[{"Name": "tag-key", "Values": ["extra"]}])))
    calls.append(("describe_vpcs by id", lambda: ec2.describe_vpcs(VpcIds=[ids[envs[1]]["vpc"]])))
    calls.append(("describe_security_groups by id", lambda: ec2.describe_security_groups(GroupIds=[ids[envs[2]]["web"], ids[envs[2]]["db"]])))
    calls.append(("describe_security_groups by vpc-id", lambda: ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [ids[envs[3]]["vpc"]]}])))
    calls.append(("describe_subnets by id", lambda: ec2.describe_subnets(SubnetIds=ids[envs[0]]["subnets"])))
    calls.append(("describe_tags all", lambda: ec2.describe_tags()))
    calls.append(("describe_tags one id", lambda: ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[envs[0]]["vpc"]]}])))
    calls.append(("describe_tags two ids", lambda: ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [ids[envs[0]]["vpc"], ids[envs[1]]["web"]]}])))
    calls.append(("describe_tags wildcard id", lambda: ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": ["vpc-*"]}])))
    calls.append(("describe_tags unknown id", lambda: ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": ["vpc-00000000"]}])))
    calls.append(("describe_tags key", lambda: ec2.describe_tags(Filters=[{"Name": "key", "Values": ["extra"]}])))
    calls.append(("describe_vpc_attribute", lambda: ec2.describe_vpc_attribute(VpcId=ids[envs[0]]["vpc"], Attribute="enableDnsHostnames")))

    def pages(**kwargs):
        out, token = [], ""
        while True:
            page = tagging.get_resources(PaginationToken=token, **kwargs)
            out.append({"items": page["ResourceTagMappingList"], "more": bool(page.get("PaginationToken"))})
            token = page.get("PaginationToken", "")
            if not token:
                return out

    calls.append(("tagging get_resources by env tag", lambda: pages(TagFilters=[{"Key": "reconciler:environment", "Values": envs}])))
    calls.append(("tagging get_resources by key", lambda: pages(TagFilters=[{"Key": "reconciler:environment"}])))
    calls.append(("tagging get_resources ec2 types", lambda: pages(ResourceTypeFilters=["ec2:vpc", "ec2:security-group"])))
    calls.append(("tagging get_resources all", lambda: pages()))
    calls.append(("tagging get_resources small pages", lambda: pages(ResourcesPerPage=3, TagFilters=[{"Key": "reconciler:environment"}])))
    return calls


def answer(call):
    try:
        result = call()
    except Exception as e:  # an error is an answer too
        return {"error": type(e).__name__, "message": str(e)}
    if isinstance(result, dict):
        result.pop("ResponseMetadata", None)
    return json.loads(json.dumps(result, default=str))


@mock_aws
def main():
    ids = seed()
    calls = reads(ids)
    plain = [answer(c) for _, c in calls]
    indexed.install()
    try:
        patched = [answer(c) for _, c in calls]
    finally:
        indexed.uninstall()
    again = [answer(c) for _, c in calls]
    failures = 0
    for (label, _), a, b, c in zip(calls, plain, patched, again):
        same = a == b == c
        size = len(json.dumps(a))
        print(f"{'same' if same else 'DIFFERENT'}: {label} ({size} bytes)")
        if not same:
            failures += 1
            print("  plain:  ", json.dumps(a)[:400])
            print("  indexed:", json.dumps(b)[:400])
    print(f"{len(calls)} reads compared, {failures} different")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
