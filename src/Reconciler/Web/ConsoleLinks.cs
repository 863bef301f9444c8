namespace Reconciler.Web;

/// <summary>
/// The AWS console page of a resource, in its region: the console's addresses are
/// <c>https://REGION.console.aws.amazon.com/SERVICE/home?region=REGION#Page:key=value</c> (IAM and Route 53 are global,
/// S3 has its own host), as https://aws-console-url-search.readthedocs.io/en/latest/02-About-AWS-Console-Url/index.html
/// takes apart. The id is what the provider observed: an EC2 id, an ARN, a name. What cannot be addressed exactly
/// links to the service's list in that region.
/// </summary>
internal static class ConsoleLinks
{
    public static string? For(string kind, string? awsId, string region)
    {
        if (string.IsNullOrEmpty(awsId) || string.IsNullOrEmpty(region))
        {
            return null;
        }

        var home = $"https://{region}.console.aws.amazon.com";
        var q = $"?region={region}";
        var id = Uri.EscapeDataString(awsId);
        var resource = ArnResource(awsId);
        return kind switch
        {
            "vpc" => $"{home}/vpcconsole/home{q}#VpcDetails:VpcId={id}",
            "subnet" => $"{home}/vpcconsole/home{q}#SubnetDetails:subnetId={id}",
            "internet-gateway" => $"{home}/vpcconsole/home{q}#InternetGateway:internetGatewayId={id}",
            "nat-gateway" => $"{home}/vpcconsole/home{q}#NatGatewayDetails:natGatewayId={id}",
            "route-table" => $"{home}/vpcconsole/home{q}#RouteTableDetails:RouteTableId={id}",
            "security-group" => $"{home}/ec2/home{q}#SecurityGroup:groupId={id}",
            "elastic-ip" => $"{home}/ec2/home{q}#ElasticIpDetails:AllocationId={id}",
            "instance" => $"{home}/ec2/home{q}#InstanceDetails:instanceId={id}",
            "load-balancer" => $"{home}/ec2/home{q}#LoadBalancer:loadBalancerArn={id}",
            "target-group" => $"{home}/ec2/home{q}#TargetGroup:targetGroupArn={id}",
            "listener" => $"{home}/ec2/home{q}#ListenerDetails:listenerArn={id}",
            "certificate" => $"{home}/acm/home{q}#/certificates/{Last(resource)}",
            "log-group" => $"{home}/cloudwatch/home{q}#logsV2:log-groups/log-group/{LogGroup(resource ?? awsId)}",
            "ecr-repository" => $"{home}/ecr/repositories{q}",
            "s3-bucket" => $"https://s3.console.aws.amazon.com/s3/buckets/{Uri.EscapeDataString(resource ?? awsId)}{q}",
            "ecs-cluster" => $"{home}/ecs/v2/clusters/{Last(resource ?? awsId)}{q}",
            "ecs-service" when resource?.Split('/') is [_, var cluster, var service] => $"{home}/ecs/v2/clusters/{cluster}/services/{service}{q}",
            "ecs-service" => $"{home}/ecs/v2/clusters{q}",
            "task-definition" when (resource ?? awsId).Split('/')[^1].Split(':') is [var family, var revision] =>
                $"{home}/ecs/v2/task-definitions/{Uri.EscapeDataString(family)}/{Uri.EscapeDataString(revision)}{q}",
            "task-definition" => $"{home}/ecs/v2/task-definitions{q}",
            "db-instance" => $"{home}/rds/home{q}#database:id={Last(resource ?? awsId)};is-cluster=false",
            "db-subnet-group" => $"{home}/rds/home{q}#db-subnet-group:id={Last(resource ?? awsId)}",
            "iam-role" => $"https://console.aws.amazon.com/iam/home#/roles/details/{Last(resource ?? awsId)}",
            "instance-profile" or "role-policy" => "https://console.aws.amazon.com/iam/home#/roles",
            "hosted-zone" => $"https://console.aws.amazon.com/route53/v2/hostedzones#ListRecordSets/{Last(awsId)}",
            "dns-record" => "https://console.aws.amazon.com/route53/v2/hostedzones",
            _ => null,
        };
    }

    /// <summary>The resource part of an ARN (<c>arn:aws:ecs:REGION:ACCOUNT:service/cluster/name</c> gives <c>service/cluster/name</c>); null for anything else.</summary>
    private static string? ArnResource(string id) =>
        id.StartsWith("arn:", StringComparison.Ordinal) && id.Split(':', 6) is [_, _, _, _, _, var resource] ? resource : null;

    private static string Last(string? path) => Uri.EscapeDataString((path ?? string.Empty).Split('/')[^1]);

    /// <summary>The console escapes a log group's slashes twice (<c>/ecs/app</c> is <c>$252Fecs$252Fapp</c>); an ARN's <c>log-group:NAME:*</c> gives NAME.</summary>
    private static string LogGroup(string id)
    {
        var name = id.StartsWith("log-group:", StringComparison.Ordinal) ? id["log-group:".Length..] : id;
        if (name.EndsWith(":*", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        return Uri.EscapeDataString(name).Replace("%", "$25", StringComparison.Ordinal);
    }
}
