using Reconciler.Aws.Elbv2;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Providers.Elbv2;

/// <summary>
/// Target groups: name, VPC, protocol, port and target type are fixed at creation; the health check (path, success
/// codes, interval, thresholds) changes in place with ModifyTargetGroup. The AWS id is the ARN.
/// </summary>
internal sealed class TargetGroupProvider(Elbv2Support elb) : IResourceProvider
{
    private static readonly string[] HealthCheckFields = ["healthCheckPath", "healthCheckSuccessCodes", "healthCheckIntervalSeconds", "healthyThreshold", "unhealthyThreshold"];

    public ResourceKind Kind => ResourceKinds.TargetGroup;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var groups = await elb.Api.DescribeTargetGroupsAsync(ct).ConfigureAwait(false);
        var owned = await elb.Owned(groups, g => g.Arn, g => g.Name, environments, desired, ct).ConfigureAwait(false);
        return owned.Select(x => TaggedResources.Observed(Kind, x.Item.Arn, x.Tags,
            [
                ("name", FieldValue.Of(x.Item.Name)),
                ("vpc", FieldValue.Of(x.Item.VpcId)),
                ("protocol", FieldValue.Of(x.Item.Protocol)),
                ("port", FieldValue.Of(x.Item.Port)),
                ("targetType", FieldValue.Of(x.Item.TargetType)),
                ("healthCheckPath", FieldValue.Of(x.Item.HealthCheck.Path)),
                ("healthCheckSuccessCodes", FieldValue.Of(x.Item.HealthCheck.SuccessCodes)),
                ("healthCheckIntervalSeconds", FieldValue.Of(x.Item.HealthCheck.IntervalSeconds)),
                ("healthyThreshold", FieldValue.Of(x.Item.HealthCheck.HealthyThreshold)),
                ("unhealthyThreshold", FieldValue.Of(x.Item.HealthCheck.UnhealthyThreshold)),
            ],
            [("arn", x.Item.Arn)])).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get("name");
        var group = await elb.CreateOrAdopt(() => elb.Api.CreateTargetGroupAsync(new CreateTargetGroupRequest(
            name,
            desired.Get("protocol"),
            desired.Int("port"),
            desired.Get("vpc"),
            desired.Get("targetType"),
            HealthCheck(desired),
            desired.Tags), ct), elb.Api.DescribeTargetGroupsAsync, g => g.Name == name, g => g.Arn, desired.Tags, $"the target group name {name}", "DuplicateTargetGroupName", ct).ConfigureAwait(false);
        return new CreatedResource(group.Arn, TaggedResources.Attributes(("arn", group.Arn)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => HealthCheckFields.Contains(c.Path)))
        {
            await elb.Api.ModifyTargetGroupAsync(actual.AwsId, HealthCheck(desired), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => elb.Api.DeleteTargetGroupAsync(actual.AwsId, ct), "TargetGroupNotFound");

    private static Elbv2HealthCheck HealthCheck(ResolvedResource desired) => new(
        desired.Get("healthCheckPath"),
        desired.Get("healthCheckSuccessCodes"),
        desired.Int("healthCheckIntervalSeconds"),
        desired.Int("healthyThreshold"),
        desired.Int("unhealthyThreshold"));
}
