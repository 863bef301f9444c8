using System.Collections.Immutable;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;
using K = Reconciler.Model.Kinds.InstanceKind;

namespace Reconciler.Kinds;

/// <summary>
/// The ECS hosts: one EC2 instance per <c>instance/&lt;host&gt;-&lt;i&gt;</c>, launched with IMDSv2 required, no public
/// IP (a host's address is its Elastic IP), its instance profile, security groups and the user data that joins it to
/// the ECS cluster. Tags are set at launch on the instance and its volumes; a client token derived from environment,
/// logical id and the desired fields makes a retried launch return the same instance.
/// </summary>
internal sealed partial class InstanceProvider(Ec2Support ec2, EcsOptimizedImage images, ILogger<InstanceProvider> log) : IResourceProvider
{
    /// <summary>
    /// What the instance was launched from, as the spec wrote it ("ecs-optimized" or an ami- id): the instance's
    /// ImageId alone cannot say that an AMI was the recommended one at launch time.
    /// </summary>
    public const string ImageTag = "reconciler:image";

    /// <summary>
    /// The canonical user data the instance was launched with (the <c>ECS_CLUSTER=</c> line). Recorded as a tag at launch
    /// so that observing needs no DescribeInstanceAttribute per instance (terraform-provider-aws#46723: extra calls per
    /// instance on read). User data cannot change while an instance runs and the engine only changes it by
    /// replacement, so the tag stays true; an edit made by hand while the instance is stopped is not seen.
    /// </summary>
    public const string UserDataTag = "reconciler:user-data";

    /// <summary>
    /// Set on an instance this provider stops to change its type, removed when it has started it again: the stop and the
    /// start happen in different passes (nothing waits for the stop inline), and an instance someone else stopped stays stopped.
    /// </summary>
    public const string StoppedForTypeTag = "reconciler:stopped-for-type-change";

    /// <summary>
    /// Shutting-down instances are observed too: until terminated they keep their network interface in the subnet and
    /// their security groups, so those deletions wait for them. Terminating goes shutting-down, then terminated
    /// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/monitoring-instance-state-changes.html).
    /// </summary>
    private static readonly string[] LiveStates = ["pending", "running", "stopping", "stopped", "shutting-down"];

    /// <summary>Starting, stopping and terminating take seconds to minutes (EC2 user guide, "Amazon EC2 instance state changes").</summary>
    private static readonly TimeSpan StateRetry = TimeSpan.FromSeconds(10);

    public ResourceKind Kind => K.Kind;

    /// <summary>One paged DescribeInstances, tag-filtered, without terminated or shutting-down instances.</summary>
    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        List<Filter> filters = [.. Ec2Support.OwnedBy(environments), new Filter { Name = "instance-state-name", Values = [.. LiveStates] }];
        var reservations = await ec2.Pages("DescribeInstances",
            (token, c) => ec2.Client.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = token }, c),
            r => r.Reservations, r => r.NextToken, ct).ConfigureAwait(false);
        var instances = reservations.SelectMany(r => r.Instances ?? []).Where(i => LiveStates.Contains(i.State?.Name?.Value)).ToList();
        var observed = instances.Select(Observed).OfType<ObservedResource>().ToList();
        await ReportNewerImageAsync(observed, ct).ConfigureAwait(false);
        return observed;
    }

    private ObservedResource? Observed(Instance i)
    {
        var tags = (i.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var properties = new List<(string, FieldValue)>
        {
            (K.Subnet, FieldValue.Of(i.SubnetId ?? string.Empty)),
            (K.Image, FieldValue.Of(tags.GetValueOrDefault(ImageTag) == EcsOptimizedImage.Alias ? EcsOptimizedImage.Alias : i.ImageId)),
            (K.InstanceType, FieldValue.Of(i.InstanceType?.Value ?? string.Empty)),
            (K.SecurityGroups, FieldValue.SetOf(SecurityGroups(i))),
            (K.MetadataTokens, FieldValue.Of(i.MetadataOptions?.HttpTokens?.Value ?? "optional")),
            (K.UserData, FieldValue.Of(tags.GetValueOrDefault(UserDataTag) ?? string.Empty)),
        };
        if (i.IamInstanceProfile?.Arn is { Length: > 0 } profileArn)
        {
            // arn:aws:iam::<account>:instance-profile[/path]/<name>: the spec refers to the profile by name.
            properties.Add((K.InstanceProfile, FieldValue.Of(RoleNames.ProfileFromNameOrArn(profileArn))));
        }

        if (i.KeyName is { Length: > 0 } key)
        {
            properties.Add((K.KeyName, FieldValue.Of(key)));
        }

        return Ec2Support.Observed(Kind, i.InstanceId, i.Tags, properties, Attributes(i.State?.Name?.Value, i.PrivateIpAddress, i.ImageId)) is { } observed
            ? observed with { Readiness = ReadinessOf(i.InstanceId, i.State?.Name?.Value) }
            : null;
    }

    /// <summary>
    /// The instance's groups. AWS lists the primary interface's groups on the instance too; moto leaves the instance's
    /// list empty for an instance launched with a network interface specification and keeps them on the interface only,
    /// so the interface is the fallback (an instance always has at least one group in AWS).
    /// </summary>
    private static IEnumerable<string> SecurityGroups(Instance i) =>
        i.SecurityGroups is { Count: > 0 } groups
            ? groups.Select(g => g.GroupId)
            : (i.NetworkInterfaces?.FirstOrDefault()?.Groups ?? []).Select(g => g.GroupId);

    private static List<(string, string)> Attributes(string? state, string? privateIp, string imageId) =>
        [("state", state ?? string.Empty), ("privateIp", privateIp ?? string.Empty), ("imageId", imageId)];

    /// <summary>
    /// An Elastic IP cannot be associated with a pending instance: its dependents wait for it to run. A stopping or
    /// shutting-down instance is on its way to a state the next step needs (the type change, the subnet's deletion).
    /// </summary>
    private static Readiness ReadinessOf(string instanceId, string? state) => state switch
    {
        "pending" => Readiness.NotReady("EC2 instance is pending", StateRetry),
        "stopping" => Readiness.NotReady($"EC2 instance {instanceId} is stopping", StateRetry),
        "shutting-down" => Readiness.NotReady($"EC2 instance {instanceId} is shutting down", StateRetry),
        _ => Readiness.Ready,
    };

    /// <summary>
    /// A newer recommended AMI is news, not drift: the desired image stays "ecs-optimized" and matches, and replacing
    /// every host because AWS published an image would be a surprise. It is logged for the operator to roll hosts.
    /// </summary>
    private async Task ReportNewerImageAsync(IReadOnlyList<ObservedResource> observed, CancellationToken ct)
    {
        var recommendedHosts = observed.Where(o => o.Tags.GetValueOrDefault(ImageTag) == EcsOptimizedImage.Alias).ToList();
        if (recommendedHosts.Count == 0)
        {
            return;
        }

        string recommended;
        try
        {
            recommended = await images.CurrentAsync(ct).ConfigureAwait(false);
        }
        catch (AwsCallException ex)
        {
            LogImageUnknown(log, ex.Error.Code);
            return;
        }

        foreach (var host in recommendedHosts.Where(h => h.Attributes["imageId"] != recommended))
        {
            LogNewerImage(log, host.Environment, host.LogicalId, host.AwsId, host.Attributes["imageId"], recommended);
        }
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        var image = desired.Get(K.Image);
        var imageId = image == EcsOptimizedImage.Alias ? await images.CurrentAsync(ct).ConfigureAwait(false) : image;
        var userData = desired.Get(K.UserData);
        var profile = desired.Find(K.InstanceProfile) is null ? null : desired.Get(K.InstanceProfile);
        var keyName = desired.Find(K.KeyName);
        var instanceTags = new Dictionary<string, string>(desired.Tags, StringComparer.Ordinal) { [ImageTag] = image, [UserDataTag] = userData };
        var token = TaggedResources.ClientToken(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId,
            desired.Properties.Select(p => $"{p.Key}={p.Value.Display}").Append(imageId));

        // A client token stays bound to its instance after termination: a destroy and re-apply of the same spec would get
        // the terminated instance back. Then the next token in a deterministic chain is used, which keeps retries idempotent.
        for (var attempt = 0; ; attempt++)
        {
            // Create, not Mutate: a lost answer is not resent even with a token (an endpoint may not honour tokens, as
            // moto_server does not): the next pass finds the instance by the tags it was launched with.
            var response = await ec2.Create("RunInstances", c => ec2.Client.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = imageId,
                InstanceType = InstanceType.FindValue(desired.Get(K.InstanceType)),
                MinCount = 1,
                MaxCount = 1,
                NetworkInterfaces =
                [
                    new InstanceNetworkInterfaceSpecification
                    {
                        DeviceIndex = 0,
                        SubnetId = desired.Get(K.Subnet),
                        Groups = [.. desired.Set(K.SecurityGroups)],
                        AssociatePublicIpAddress = false,
                    },
                ],
                IamInstanceProfile = profile is null ? null : new IamInstanceProfileSpecification { Name = profile },
                KeyName = keyName,
                UserData = UserDataScript(userData),
                MetadataOptions = new InstanceMetadataOptionsRequest
                {
                    HttpTokens = HttpTokensState.FindValue(desired.Get(K.MetadataTokens)),
                    HttpEndpoint = InstanceMetadataEndpointState.Enabled,
                },
                ClientToken = token,
                TagSpecifications =
                [
                    .. Ec2Support.TagsAtCreation(ResourceType.Instance, instanceTags),
                    .. Ec2Support.TagsAtCreation(ResourceType.Volume, desired.Tags),
                ],
            }, c), ct).ConfigureAwait(false);
            var instance = response.Reservation.Instances.Single();
            var state = instance.State?.Name?.Value;
            if (state is "terminated" or "shutting-down" && attempt < 3)
            {
                token = TaggedResources.ClientToken(desired.Tags[Ownership.EnvironmentTag], desired.LogicalId, [token, instance.InstanceId]);
                continue;
            }

            return new CreatedResource(instance.InstanceId, Attributes(state, instance.PrivateIpAddress, instance.ImageId)
                .ToImmutableSortedDictionary(a => a.Item1, a => a.Item2, StringComparer.Ordinal))
            {
                Readiness = ReadinessOf(instance.InstanceId, state),
            };
        }
    }

    /// <summary>The launch script for the canonical user data (<c>ECS_CLUSTER=&lt;cluster&gt;</c>), base64; none when empty.</summary>
    public static string? UserDataScript(string userData) =>
        userData.Length == 0
            ? null
            : Convert.ToBase64String(Encoding.UTF8.GetBytes($"#!/bin/bash\necho {userData} >> /etc/ecs/ecs.config\n"));

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        foreach (var change in changes.Where(c => !c.Path.StartsWith("tags.", StringComparison.Ordinal)))
        {
            switch (change.Path)
            {
                case K.InstanceType:
                    await ChangeTypeAsync(actual, desired.Get(K.InstanceType), ct).ConfigureAwait(false);
                    break;
                case K.SecurityGroups:
                    await ec2.Mutate("ModifyInstanceAttribute", c => ec2.Client.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest
                    {
                        InstanceId = actual.AwsId,
                        Groups = [.. desired.Set(K.SecurityGroups)],
                    }, c), ct).ConfigureAwait(false);
                    break;
                case K.MetadataTokens:
                    await ec2.Mutate("ModifyInstanceMetadataOptions", c => ec2.Client.ModifyInstanceMetadataOptionsAsync(new ModifyInstanceMetadataOptionsRequest
                    {
                        InstanceId = actual.AwsId,
                        HttpTokens = HttpTokensState.FindValue(desired.Get(K.MetadataTokens)),
                    }, c), ct).ConfigureAwait(false);
                    break;
                default:
                    throw new InvalidOperationException($"{desired.LogicalId}: {change.Path} cannot be changed in place");
            }
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// An instance type changes in place: stop, modify, start again (a minute of downtime for that host, where a
    /// replacement would also lose its root volume and take longer). Nothing waits for the stop: the instance is tagged
    /// with <see cref="StoppedForTypeTag"/> and stopped; while it is stopping the update is not ready, and the pass that
    /// finds it stopped changes the type and starts it again. An instance found stopped without the tag stays stopped.
    /// </summary>
    private async Task ChangeTypeAsync(ObservedResource actual, string instanceType, CancellationToken ct)
    {
        var state = actual.Attributes.GetValueOrDefault("state");
        var stoppedByUs = actual.Tags.ContainsKey(StoppedForTypeTag);
        if (state == "stopping")
        {
            throw new NotReadyException(ReadinessOf(actual.AwsId, state));
        }

        if (state != "stopped")
        {
            // Tagged before the stop, so that a crash between the two never leaves a host stopped that nobody restarts.
            await ec2.Mutate("CreateTags", c => ec2.Client.CreateTagsAsync(new CreateTagsRequest { Resources = [actual.AwsId], Tags = [new Tag(StoppedForTypeTag, instanceType)] }, c), ct).ConfigureAwait(false);
            var stop = await ec2.Mutate("StopInstances", c => ec2.Client.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [actual.AwsId] }, c), ct).ConfigureAwait(false);
            stoppedByUs = true;
            // StopInstances answers each instance's CurrentState: "stopping" on AWS (then "stopped": EC2 user guide,
            // monitoring-instance-state-changes), "stopped" at once on an emulator. No polling: the next pass looks again.
            if ((stop.StoppingInstances ?? []).Any(i => i.CurrentState?.Name?.Value != "stopped"))
            {
                throw new NotReadyException(ReadinessOf(actual.AwsId, "stopping"));
            }
        }

        await ec2.Mutate("ModifyInstanceAttribute", c => ec2.Client.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest
        {
            InstanceId = actual.AwsId,
            InstanceType = instanceType,
        }, c), ct).ConfigureAwait(false);
        if (stoppedByUs)
        {
            await ec2.Mutate("StartInstances", c => ec2.Client.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [actual.AwsId] }, c), ct).ConfigureAwait(false);
            await ec2.Mutate("DeleteTags", c => ec2.Client.DeleteTagsAsync(new DeleteTagsRequest { Resources = [actual.AwsId], Tags = [new Tag { Key = StoppedForTypeTag }] }, c), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Issues the termination (not again for an instance already shutting down) and looks once: terminated already (as
    /// on an emulator), or shutting down, which is a wait for its subnet and security groups, not for this worker.
    /// </summary>
    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        if (actual.Attributes.GetValueOrDefault("state") != "shutting-down")
        {
            await ec2.DeleteResource("TerminateInstances", "InvalidInstanceID.NotFound",
                c => ec2.Client.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [actual.AwsId] }, c), ct).ConfigureAwait(false);
        }

        if (await StateAsync(actual.AwsId, ct).ConfigureAwait(false) is { } state && state != "terminated")
        {
            throw new NotReadyException(ReadinessOf(actual.AwsId, "shutting-down"));
        }
    }

    /// <summary>The instance's state now, read once; null when EC2 no longer knows it.</summary>
    private async Task<string?> StateAsync(string instanceId, CancellationToken ct)
    {
        try
        {
            var response = await ec2.Read("DescribeInstances", c => ec2.Client.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [instanceId] }, c), ct).ConfigureAwait(false);
            return (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).Select(i => i.State?.Name?.Value).FirstOrDefault();
        }
        catch (AwsCallException ex) when (ex.Error.Code == "InvalidInstanceID.NotFound")
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Environment}: {LogicalId} ({InstanceId}) runs {CurrentImage}; newer ECS-optimized AMI available: {RecommendedImage} (replace the host to use it)")]
    private static partial void LogNewerImage(ILogger logger, string environment, string logicalId, string instanceId, string currentImage, string recommendedImage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recommended ECS-optimized AMI could not be read ({ErrorCode}); newer images are not reported this pass")]
    private static partial void LogImageUnknown(ILogger logger, string errorCode);
}
