using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Aws.Iam;
using Reconciler.Cli;
using Reconciler.Engine;
using Reconciler.Model.Planning;
using Reconciler.Tests.Integration;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Reconciler.Tests.Aws;

/// <summary>
/// An AWS error is logged as one line with its parts as named properties (Operation, ErrorCode, Message, RequestId,
/// Remedy) and no stack: it is AWS's answer, not a bug. A plain .NET exception (a bug of ours) keeps its stack.
/// The error parts are those of AWS's error response (Code, Message, RequestId: docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsErrorLogTests
{
    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task ApplyAsync_Should_LogAnAwsErrorAsOneLineWithoutStackAndABugWithItsStack_When_AwsRefusesOneCreateAndOurCodeFailsAnother()
    {
        var env = TestSpecs.UniqueName("errlog");
        // moto, as EC2, refuses a subnet in a zone the region does not have: InvalidParameterValue (terminal). The
        // spec's validation accepts it: the zone's form is right, and which zones a region has is for AWS to say.
        var (_, graph) = TestSpecs.Load(TestSpecs.Small(env, $$"""
            network:
              cidr: 10.7.0.0/16
              subnets:
                - { name: nowhere, zone: {{EngineHarness.Region}}z, cidr: 10.7.0.0/24 }
            logGroups:
              - { name: /ecs/{{env}} }
            """));
        var sink = new RenderedLogSink();
        using (var loggers = new SerilogLoggerFactory(new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger(), dispose: true))
        using (var aws = new AwsComposition(loggers, TimeProvider.System, new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50)),
                   inner => new BugInjectingHandler(inner, "CreateLogGroup")))
        {
            var result = await aws.Engine.ApplyAsync(graph, new PlanOptions(Prune: true), CancellationToken.None);
            Assert.Equal(["log-group/ecs/" + env, "subnet/nowhere"], result.Failed.Select(f => f.Step.LogicalId).Order(StringComparer.Ordinal).Distinct());
        }

        // The AWS error: one event, one line, its parts as properties, AWS's message once, no stack.
        var aws1 = Assert.Single(sink.Events, e => e.Event.Level == LogEventLevel.Error && Property(e.Event, "LogicalId") == "subnet/nowhere");
        Assert.Null(aws1.Event.Exception);
        Assert.Equal("ec2:CreateSubnet", Property(aws1.Event, "Operation"));
        Assert.Equal("InvalidParameterValue", Property(aws1.Event, "ErrorCode"));
        var message = Property(aws1.Event, "Message")!;
        Assert.Contains("availabilityZone", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Property(aws1.Event, "RequestId")));
        Assert.Contains("check the spec fields of subnet/nowhere", Property(aws1.Event, "Remedy"), StringComparison.Ordinal);
        Assert.Single(aws1.Text.TrimEnd('\n', '\r').Split('\n'));
        Assert.DoesNotContain("   at ", aws1.Text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(aws1.Text, message));
        Assert.Equal(1, Occurrences(aws1.Text, "InvalidParameterValue"));

        // The bug: logged with its exception and stack frames, as before.
        var bug = Assert.Single(sink.Events, e => e.Event.Level == LogEventLevel.Error && Property(e.Event, "LogicalId") == $"log-group/ecs/{env}");
        Assert.IsType<InvalidOperationException>(bug.Event.Exception);
        Assert.Contains("simulated bug before CreateLogGroup", bug.Text, StringComparison.Ordinal);
        Assert.Contains("   at ", bug.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(sink.Events, e => e.Event.Exception is AwsCallException);
    }

    [Fact]
    public async Task AwsCallException_Should_SayAwssMessageOnce_When_AThinClientCallFailsWithNoSuchEntity()
    {
        using var h = new EngineHarness(new RetryOptions(BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(20), NotFoundWindow: TimeSpan.FromMilliseconds(50)));
        var iam = new IamApi(h.Aws.Query(AwsServices.Iam, EngineHarness.Region));
        var role = TestSpecs.UniqueName("no-role");

        // AttachRolePolicy on a role that does not exist: NoSuchEntity (docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html, Errors).
        var error = await Assert.ThrowsAsync<AwsCallException>(() =>
            iam.AttachRolePolicyAsync(new AttachRolePolicyRequest(role, "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"), CancellationToken.None));

        Assert.Equal("NoSuchEntity", error.Error.Code);
        Assert.Contains(role, error.AwsMessage, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(error.Message, error.AwsMessage));
        Assert.Equal(1, Occurrences(error.Message, "NoSuchEntity"));
        Assert.Equal(1, Occurrences(error.Message, "AttachRolePolicy"));
        Assert.StartsWith("something the call names does not exist", Remedies.ForLog(error), StringComparison.Ordinal);
    }

    private static string? Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) ? (value as ScalarValue)?.Value?.ToString() : null;
}
