using System.Text;
using Amazon.EC2.Model;
using Reconciler.Aws.Acm;
using Reconciler.Aws.Ecr;
using Reconciler.Aws.Ecs;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Logs;
using Reconciler.Aws.Rds;
using Reconciler.Aws.Route53;
using Reconciler.Import;

namespace Reconciler.Tests.Import;

/// <summary>
/// The sample's topology built the way a person builds it in the console: plain API calls, no ownership tags, names
/// such as django-alb and django-cluster. <see cref="Ids"/> maps what was made to its AWS id, for the assertions.
/// </summary>
internal sealed class HandBuiltTopology
{
    private static readonly Dictionary<string, string> NoTags = new(StringComparer.Ordinal);

    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    public string Zone { get; private set; } = string.Empty;

    /// <summary>Builds it with <paramref name="c"/> in <paramref name="region"/>; <paramref name="prefix"/> starts every name (django).</summary>
    public static async Task<HandBuiltTopology> BuildAsync(ImportClients c, string region, string prefix)
    {
        var t = new HandBuiltTopology();
        var ec2 = c.Ec2;
        var zones = (await ec2.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest())).AvailabilityZones.Select(z => z.ZoneName).Order().ToList();
        var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        // As the console's "VPC and more" makes it: DNS hostnames on (the spec's VPC has them on too).
        await ec2.ModifyVpcAttributeAsync(new ModifyVpcAttributeRequest { VpcId = vpc, EnableDnsHostnames = true });
        t.Ids["vpc"] = vpc;
        async Task<string> Subnet(string key, string cidr, string zone)
        {
            var id = (await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = cidr, AvailabilityZone = zone })).Subnet.SubnetId;
            t.Ids[key] = id;
            return id;
        }

        var publicA = await Subnet("public-a", "10.0.0.0/24", zones[0]);
        var publicB = await Subnet("public-b", "10.0.1.0/24", zones[1]);
        var privateA = await Subnet("private-a", "10.0.10.0/24", zones[0]);
        var privateB = await Subnet("private-b", "10.0.11.0/24", zones[1]);

        var igw = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest())).InternetGateway.InternetGatewayId;
        await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = igw, VpcId = vpc });
        t.Ids["igw"] = igw;
        var natAddress = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = Amazon.EC2.DomainType.Vpc })).AllocationId;
        var nat = (await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest { SubnetId = publicA, AllocationId = natAddress })).NatGateway.NatGatewayId;
        t.Ids["nat"] = nat;
        t.Ids["nat-eip"] = natAddress;
        var secondAddress = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = Amazon.EC2.DomainType.Vpc })).AllocationId;
        t.Ids["nat-2"] = (await ec2.CreateNatGatewayAsync(new CreateNatGatewayRequest { SubnetId = publicB, AllocationId = secondAddress })).NatGateway.NatGatewayId;

        var publicTable = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc })).RouteTable.RouteTableId;
        await ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = publicTable, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw });
        var privateTable = (await ec2.CreateRouteTableAsync(new CreateRouteTableRequest { VpcId = vpc })).RouteTable.RouteTableId;
        await ec2.CreateRouteAsync(new CreateRouteRequest { RouteTableId = privateTable, DestinationCidrBlock = "0.0.0.0/0", NatGatewayId = nat });
        foreach (var (table, subnet) in new[] { (publicTable, publicA), (publicTable, publicB), (privateTable, privateA), (privateTable, privateB) })
        {
            await ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = table, SubnetId = subnet });
        }

        t.Ids["rtb-public"] = publicTable;
        t.Ids["rtb-private"] = privateTable;

        var web = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = $"{prefix}-web", Description = "web tier", VpcId = vpc })).GroupId;
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = web,
            IpPermissions =
            [
                new IpPermission { IpProtocol = "tcp", FromPort = 80, ToPort = 80, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] },
                new IpPermission { IpProtocol = "tcp", FromPort = 443, ToPort = 443, Ipv4Ranges = [new IpRange { CidrIp = "0.0.0.0/0" }] },
            ],
        });
        var db = (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = $"{prefix}-db", Description = "database", VpcId = vpc })).GroupId;
        await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
        {
            GroupId = db,
            IpPermissions = [new IpPermission { IpProtocol = "tcp", FromPort = 5432, ToPort = 5432, UserIdGroupPairs = [new UserIdGroupPair { GroupId = web }] }],
        });
        t.Ids["sg-web"] = web;
        t.Ids["sg-db"] = db;

        // The ECS hosts: two instances joining the cluster through their user data, one Elastic IP each.
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images[0].ImageId;
        var userData = Convert.ToBase64String(Encoding.UTF8.GetBytes($"#!/bin/bash\necho ECS_CLUSTER={prefix}-cluster >> /etc/ecs/ecs.config\n"));
        for (var i = 0; i < 2; i++)
        {
            var instance = (await ec2.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = image, InstanceType = "t3.small", MinCount = 1, MaxCount = 1, SubnetId = i == 0 ? publicA : publicB,
                SecurityGroupIds = [web], UserData = userData,
                MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = Amazon.EC2.HttpTokensState.Required }, // the console's default since 2024
                TagSpecifications = [new TagSpecification { ResourceType = Amazon.EC2.ResourceType.Instance, Tags = [new Amazon.EC2.Model.Tag("Name", $"{prefix}-ecs")] }],
            })).Reservation.Instances[0].InstanceId;
            var address = (await ec2.AllocateAddressAsync(new AllocateAddressRequest { Domain = Amazon.EC2.DomainType.Vpc })).AllocationId;
            await ec2.AssociateAddressAsync(new AssociateAddressRequest { AllocationId = address, InstanceId = instance });
            t.Ids[$"instance-{i}"] = instance;
            t.Ids[$"eip-{i}"] = address;
        }

        t.Ids["image"] = image;

        // The DB subnet group as the console's "create new DB subnet group" names it: after the VPC, not the database.
        t.Ids["db-subnet-group"] = $"default-{vpc}";
        await c.Rds.CreateDbSubnetGroupAsync(new CreateDbSubnetGroupRequest(t.Ids["db-subnet-group"], "db", [privateA, privateB], NoTags), CancellationToken.None);
        await c.Rds.CreateDbInstanceAsync(new CreateDbInstanceRequest($"{prefix}-db", "db.t3.micro", "postgres", "16.3", 20, "app", "app", t.Ids["db-subnet-group"], [db],
            MultiAz: false, DeletionProtection: false, PubliclyAccessible: false, BackupRetentionPeriod: 7, StorageEncrypted: true, NoTags), CancellationToken.None);
        var endpoint = (await c.Rds.DescribeDbInstancesAsync($"{prefix}-db", CancellationToken.None)).Single();
        t.Ids["db-address"] = endpoint.EndpointAddress!;

        // The zone, the certificate with its validation record, the load balancer, its listeners and the alias record.
        t.Zone = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}.example.com";
        var zone = (await c.Route53.CreateHostedZoneAsync(new CreateHostedZoneRequest(t.Zone, Guid.NewGuid().ToString("N"), "by hand"), CancellationToken.None)).Zone.Id;
        t.Ids["zone"] = zone;
        var cert = (await c.Acm.RequestCertificateAsync(new RequestCertificateRequest($"api.{t.Zone}", "DNS", null, Guid.NewGuid().ToString("N")[..16], []), CancellationToken.None)).CertificateArn;
        t.Ids["certificate"] = cert;
        var detail = (await c.Acm.DescribeCertificateAsync(new CertificateArnRequest(cert), CancellationToken.None)).Certificate;
        if (detail.DomainValidationOptions?.FirstOrDefault()?.ResourceRecord is { } validation)
        {
            await c.Route53.ChangeResourceRecordSetsAsync(zone, [RecordChange.Create(new ResourceRecordSet(validation.Name, "CNAME", 300, [validation.Value], null))], CancellationToken.None);
        }

        var tg = await c.Elb.CreateTargetGroupAsync(new CreateTargetGroupRequest($"{prefix}-tg", "HTTP", 80, vpc, "instance",
            new Elbv2HealthCheck("/", "400", 30, 5, 2), NoTags), CancellationToken.None);
        t.Ids["tg"] = tg.Arn;
        var lb = await c.Elb.CreateLoadBalancerAsync(new CreateLoadBalancerRequest($"{prefix}-alb", "internet-facing", [publicA, publicB], [web], NoTags), CancellationToken.None);
        t.Ids["lb"] = lb.Arn;
        t.Ids["https"] = (await c.Elb.CreateListenerAsync(lb.Arn, new ListenerSettings("HTTPS", 443, cert, new Elbv2Action("forward", tg.Arn)), NoTags, CancellationToken.None)).Arn;
        t.Ids["http"] = (await c.Elb.CreateListenerAsync(lb.Arn, new ListenerSettings("HTTP", 80, null, new Elbv2Action("redirect", RedirectProtocol: "HTTPS", RedirectPort: "443", RedirectStatusCode: "HTTP_301")), NoTags, CancellationToken.None)).Arn;
        await c.Route53.ChangeResourceRecordSetsAsync(zone, [RecordChange.Create(new ResourceRecordSet($"api.{t.Zone}", "A", null, [], new Reconciler.Aws.Route53.AliasTarget(lb.CanonicalHostedZoneId, lb.DnsName, false)))], CancellationToken.None);

        // ECR, logs, the cluster, the task definition and the service on the target group.
        var repo = await c.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest($"{prefix}-app", "MUTABLE", new ImageScanningConfiguration(false), []), CancellationToken.None);
        await c.Logs.CreateLogGroupAsync(new CreateLogGroupRequest($"/ecs/{prefix}", NoTags), CancellationToken.None);
        var cluster = await c.Ecs.CreateClusterAsync($"{prefix}-cluster", NoTags, CancellationToken.None);
        t.Ids["cluster"] = cluster.ClusterArn;
        var container = new EcsContainerDefinition("web", $"{repo.RepositoryUri}:latest", null, 512, 256, true,
            [new EcsPortMapping(8000, 80, "tcp")],
            [new EcsKeyValuePair("DJANGO_SETTINGS_MODULE", "app.settings.production"), new EcsKeyValuePair("DATABASE_HOST", endpoint.EndpointAddress), new EcsKeyValuePair("DATABASE_PORT", endpoint.EndpointPort?.ToString(System.Globalization.CultureInfo.InvariantCulture))], null, null,
            new EcsLogConfiguration("awslogs", new Dictionary<string, string> { ["awslogs-group"] = $"/ecs/{prefix}", ["awslogs-region"] = region, ["awslogs-stream-prefix"] = "web" }));
        var td = await c.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest($"{prefix}-task", "bridge", null, null, [container], []), CancellationToken.None);
        t.Ids["task"] = td.TaskDefinition.TaskDefinitionArn;
        var service = await c.Ecs.CreateServiceAsync(new CreateServiceRequest(cluster.ClusterArn, $"{prefix}-service", td.TaskDefinition.TaskDefinitionArn, 2, "EC2",
            [new EcsLoadBalancer(tg.Arn, "web", 8000)], new EcsDeploymentConfiguration(new EcsCircuitBreaker(true, true)), Guid.NewGuid().ToString("N"), "NONE", []), CancellationToken.None);
        // The circuit breaker on, as the console sets it; moto keeps deploymentConfiguration only from UpdateService.
        await c.Ecs.UpdateServiceAsync(new UpdateServiceRequest(cluster.ClusterArn, service.ServiceArn, DeploymentConfiguration: new EcsDeploymentConfiguration(new EcsCircuitBreaker(true, true))), CancellationToken.None);
        t.Ids["service"] = service.ServiceArn;
        return t;
    }
}
