using Reconciler.Aws.Logs;
using Reconciler.Model.Graph;
using Reconciler.Tests.Integration;
using static Reconciler.Tests.Providers.ProviderTestKit;

namespace Reconciler.Tests.Providers.Logs;

[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LogGroupProviderTests : IDisposable
{
    private readonly ProviderTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private LogGroupProvider Provider => new(_kit.Logs, _kit.Inventory);

    /// <summary>The sample's log group, named after the environment so that tests never share a group.</summary>
    private static DesiredResource Group(string env, Func<string, string>? edit = null) =>
        Desired(env, $"log-group/ecs/{env}", t => (edit ?? (x => x))(t.Replace("/ecs/app", $"/ecs/{env}", StringComparison.Ordinal)));

    [Fact]
    public async Task Provider_Should_CreateObserveUpdateAndDelete_When_TheRetentionChanges()
    {
        var env = TestSpecs.UniqueName("logs");
        var desired = Group(env);

        var created = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);
        var observed = await Observe(Provider, env, desired);

        Assert.Equal($"/ecs/{env}", created.AwsId);
        Assert.Equal($"/ecs/{env}", created.Attributes["name"]);
        Assert.NotNull(observed);
        Assert.Equal(env, observed.Tags[Ownership.EnvironmentTag]);
        Assert.Equal($"log-group/ecs/{env}", observed.Tags[Ownership.LogicalIdTag]);
        Assert.Equal("demo", observed.Tags["project"]);
        Assert.Equal($"/ecs/{env}", observed.Attributes["name"]);
        Assert.Empty(Diff(desired, observed));

        // 30 -> 60: exactly that field, in place.
        var longer = Group(env, t => t.Replace("retentionDays: 30", "retentionDays: 60", StringComparison.Ordinal));
        var change = Assert.Single(Diff(longer, observed));
        Assert.Equal(("retentionDays", "60", "30", false), (change.Path, change.Desired, change.Actual, change.ForcesReplacement));
        await Provider.UpdateAsync(Resolved(longer), observed, [change], CancellationToken.None);
        observed = await Observe(Provider, env, longer);
        Assert.Empty(Diff(longer, observed!));

        // Retention removed from the spec: the policy goes.
        var forever = Group(env, t => t.Replace(", retentionDays: 30", string.Empty, StringComparison.Ordinal));
        change = Assert.Single(Diff(forever, observed!));
        Assert.Equal(("retentionDays", LogRetention.Never, "60"), (change.Path, change.Desired, change.Actual));
        await Provider.UpdateAsync(Resolved(forever), observed!, [change], CancellationToken.None);
        observed = await Observe(Provider, env, forever);
        Assert.Empty(Diff(forever, observed!));

        await Provider.DeleteAsync(observed!, CancellationToken.None);
        Assert.Null(await Observe(Provider, env, forever));
        await Provider.DeleteAsync(observed!, CancellationToken.None); // already gone is done
    }

    [Fact]
    public async Task CreateAsync_Should_AdoptTheGroup_When_ItExistsWithThisEnvironmentsTags()
    {
        var env = TestSpecs.UniqueName("logs-adopt");
        var desired = Group(env);
        await Provider.CreateAsync(Resolved(desired), CancellationToken.None);

        var again = await Provider.CreateAsync(Resolved(desired), CancellationToken.None);

        Assert.Equal($"/ecs/{env}", again.AwsId);
        Assert.Empty(Diff(desired, (await Observe(Provider, env, desired))!));
    }

    [Fact]
    public async Task CreateAsync_Should_Refuse_When_AGroupOfThatNameIsNotOurs()
    {
        var env = TestSpecs.UniqueName("logs-foreign");
        var desired = Group(env);
        await _kit.Logs.CreateLogGroupAsync(new CreateLogGroupRequest($"/ecs/{env}", new Dictionary<string, string> { ["team"] = "other" }), CancellationToken.None);

        var error = await Assert.ThrowsAsync<Reconciler.Providers.NameTakenException>(() => Provider.CreateAsync(Resolved(desired), CancellationToken.None));

        Assert.StartsWith($"the log group name /ecs/{env} is taken by an untagged resource (arn:aws:logs:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rename this resource in the spec, or import the existing one", error.Message, StringComparison.Ordinal);
        Assert.Null(await Observe(Provider, env, desired));
        var groups = await _kit.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest(LogGroupNamePrefix: $"/ecs/{env}"), CancellationToken.None);
        Assert.Null(Assert.Single(groups).RetentionInDays); // untouched
    }

    [Theory]
    [InlineData("arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/app", "/ecs/app")]
    [InlineData("arn:aws:logs:ap-northeast-1:123456789012:log-group:/ecs/app:*", "/ecs/app")]
    [InlineData("arn:aws:logs:ap-northeast-1:123456789012:destination:x", null)]
    public void NameFromArn_Should_GiveTheGroupName_When_TheArnIsALogGroup(string arn, string? name) =>
        Assert.Equal(name, LogGroupProvider.NameFromArn(arn));
}
