using System.Text.Json;
using Amazon.EC2.Model;
using Reconciler.Aws;
using Reconciler.Aws.Http;

namespace Reconciler.Tests.Integration;

/// <summary>
/// What a host and its ECS agent do for a cluster: an EC2 instance starts and registers as a container instance.
/// moto runs no agent, checks that the instance exists, and places EC2 tasks (RunTask) only on container instances.
/// </summary>
internal static class EcsAgent
{
    public static async Task JoinAsync(EngineHarness h, string cluster)
    {
        var images = await h.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] });
        var launched = await h.Ec2.RunInstancesAsync(new RunInstancesRequest { ImageId = images.Images[0].ImageId, MinCount = 1, MaxCount = 1, InstanceType = "t3.small" });
        var document = JsonSerializer.Serialize(new { instanceId = launched.Reservation.Instances[0].InstanceId });
        var json = h.Aws.Json(AwsServices.Ecs, EngineHarness.Region);
        await json.CallAsync<object, JsonElement>("RegisterContainerInstance", new { cluster, instanceIdentityDocument = document }, CallPurpose.Mutate, CancellationToken.None);
    }
}
