using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Tests.Chaos;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Controller;

/// <summary>
/// The controller logs an AWS error that ends a pass (here an observation AWS denies) as one line with its parts as
/// properties and no stack; the shared observation's failure likewise. EC2 says "UnauthorizedOperation" for a denied
/// call (docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html, common client errors).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ControllerServiceAwsErrorTests
{
    [Fact]
    public async Task Reconcile_Should_LogTheFailedObservationAsOneLineWithoutStack_When_AwsDeniesDescribeVpcs()
    {
        var env = TestSpecs.UniqueName("denied");
        var faults = new Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>>(StringComparer.Ordinal) { ["DescribeVpcs"] = AwsFaultResponses.AccessDenied };
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var rig = new ControllerRig(new EngineHarness(wrapHandler: inner => new TerminalFaultHandler(inner, faults, "Action=DescribeVpcs", attempts)));
        await File.WriteAllTextAsync(Path.Combine(rig.Dir, "denied.yaml"), TestSpecs.Small(env, """
            network:
              cidr: 10.6.0.0/16
              subnets:
                - { name: private-a, zone: ap-northeast-1a, cidr: 10.6.10.0/24 }
            """));
        await rig.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        CapturedLogEntry? failed;
        while ((failed = rig.H.Logs.Entries.FirstOrDefault(e => e.Text.StartsWith($"Reconcile of {env} failed", StringComparison.Ordinal) && e.Properties.ContainsKey("ErrorCode"))) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no failed pass was logged:\n" + rig.H.LogText);
            await Task.Delay(100);
        }

        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Equal(env, failed.Properties["Environment"]); // from the reconcile's log scope
        Assert.Null(failed.Exception);
        Assert.Equal("ec2:DescribeVpcs", failed.Properties["Operation"]);
        Assert.Equal("UnauthorizedOperation", failed.Properties["ErrorCode"]);
        Assert.Equal("You are not authorized to perform this operation.", failed.Properties["Message"]);
        Assert.False(string.IsNullOrEmpty(failed.Properties["RequestId"] as string));
        Assert.Contains("the credentials lack ec2:DescribeVpcs", failed.Properties["Remedy"] as string, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failed.Text);
        Assert.True(attempts["DescribeVpcs"] > 0);

        // Every AWS error line (the shared observation's warning included, when the region's listing failed first) has no exception.
        Assert.All(rig.H.Logs.Entries.Where(e => e.Properties.ContainsKey("ErrorCode")), e => Assert.Null(e.Exception));
        Assert.DoesNotContain(rig.H.Logs.Entries, e => e.Exception is AwsCallException);
    }
}
