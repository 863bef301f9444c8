using System.Globalization;
using Reconciler.Aws.Elbv2;
using K = Reconciler.Model.Kinds.TargetGroupKind;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Elbv2;

namespace Reconciler.Kinds;

/// <summary>
/// Target groups: name, VPC, protocol, port and target type are fixed at creation; the health check (path, success
/// codes, interval, thresholds, timeout) changes in place with ModifyTargetGroup. The AWS id is the ARN.
/// </summary>
internal sealed class TargetGroupProvider(Elbv2Support elb) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var groups = await elb.Api.DescribeTargetGroupsAsync(ct).ConfigureAwait(false);
        var owned = await elb.Owned(groups, g => g.Arn, g => g.Name, environments, desired, ct).ConfigureAwait(false);
        return owned.Select(x => TaggedResources.Observed(Kind, x.Item.Arn, x.Tags,
            [
                (K.Name, FieldValue.Of(x.Item.Name)),
                (K.Vpc, FieldValue.Of(x.Item.VpcId)),
                (K.Protocol, FieldValue.Of(x.Item.Protocol)),
                (K.Port, FieldValue.Of(x.Item.Port)),
                (K.TargetType, FieldValue.Of(x.Item.TargetType)),
                (K.HealthCheckPath, FieldValue.Of(x.Item.HealthCheck.Path)),
                (K.HealthCheckSuccessCodes, FieldValue.Of(x.Item.HealthCheck.SuccessCodes)),
                (K.HealthCheckIntervalSeconds, FieldValue.Of(x.Item.HealthCheck.IntervalSeconds)),
                (K.HealthyThreshold, FieldValue.Of(x.Item.HealthCheck.HealthyThreshold)),
                (K.UnhealthyThreshold, FieldValue.Of(x.Item.HealthCheck.UnhealthyThreshold)),
                (K.HealthCheckTimeoutSeconds, FieldValue.Of(x.Item.HealthCheck.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture) ?? string.Empty)),
            ],
            [("arn", x.Item.Arn)])).OfType<ObservedResource>().ToList();
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var name = desired.Get(K.Name);
        var group = await elb.CreateOrAdopt(() => elb.Api.CreateTargetGroupAsync(new CreateTargetGroupRequest(
            name,
            desired.Get(K.Protocol),
            desired.Int(K.Port),
            desired.Get(K.Vpc),
            desired.Get(K.TargetType),
            HealthCheck(desired),
            desired.Tags), ct), elb.Api.DescribeTargetGroupsAsync, g => g.Name == name, g => g.Arn, desired.Tags, $"the target group name {name}", "DuplicateTargetGroupName", ct).ConfigureAwait(false);
        return new CreatedResource(group.Arn, TaggedResources.Attributes(("arn", group.Arn)));
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => K.HealthCheckFields.Contains(c.Path)))
        {
            await elb.Api.ModifyTargetGroupAsync(actual.AwsId, HealthCheck(desired), ct).ConfigureAwait(false);
        }

        await elb.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    public Task DeleteAsync(ObservedResource actual, CancellationToken ct) =>
        TaggedResources.DeleteAsync(() => elb.Api.DeleteTargetGroupAsync(actual.AwsId, ct), "TargetGroupNotFound");

    private static Elbv2HealthCheck HealthCheck(ResolvedResource desired) => new(
        desired.Get(K.HealthCheckPath),
        desired.Get(K.HealthCheckSuccessCodes),
        desired.Int(K.HealthCheckIntervalSeconds),
        desired.Int(K.HealthyThreshold),
        desired.Int(K.UnhealthyThreshold),
        desired.Int(K.HealthCheckTimeoutSeconds));
}
