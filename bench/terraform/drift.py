"""The same three hand-made drifts on one environment (bench/terraform/run.sh): prints what it changed."""
import sys

import boto3

endpoint, env = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="ap-northeast-1", aws_access_key_id="test", aws_secret_access_key="test")
ec2, elbv2, logs = boto3.client("ec2", **kw), boto3.client("elbv2", **kw), boto3.client("logs", **kw)

# 1. a rule added by hand to the web security group
group = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [f"{env}-web"]}])["SecurityGroups"][0]
ec2.authorize_security_group_ingress(GroupId=group["GroupId"], IpPermissions=[
    {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
print(f"security group {group['GroupId']} ({env}-web): ingress tcp 8080 from 0.0.0.0/0 added")

# 2. the target group's health check path changed
tg = elbv2.describe_target_groups(Names=[f"{env}-app"])["TargetGroups"][0]
elbv2.modify_target_group(TargetGroupArn=tg["TargetGroupArn"], HealthCheckPath="/health")
print(f"target group {env}-app: health check path / -> /health")

# 3. the log group's retention changed
logs.put_retention_policy(logGroupName=f"/ecs/{env}", retentionInDays=7)
print(f"log group /ecs/{env}: retention 30 -> 7 days")
