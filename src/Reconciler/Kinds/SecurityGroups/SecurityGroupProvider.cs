using Amazon.EC2;
using Amazon.EC2.Model;
using Reconciler.Aws;
using K = Reconciler.Model.Kinds.SecurityGroupKind;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers;
using Reconciler.Providers.Ec2;

namespace Reconciler.Kinds;

/// <summary>
/// Security groups, with ingress and egress rules diffed rule by rule: the missing are authorized, the extra revoked.
/// Rules naming a group that does not exist yet wait for the next pass. With no egress in the spec, the desired
/// egress is AWS's default allow-all rule, so the default is never reported as drift.
/// </summary>
internal sealed class SecurityGroupProvider(Ec2Support ec2) : IResourceProvider
{
    public ResourceKind Kind => K.Kind;

    public async Task<IReadOnlyList<ObservedResource>> ObserveAsync(IReadOnlyCollection<string> environments, IReadOnlyCollection<DesiredResource> desired, CancellationToken ct)
    {
        var groups = await ec2.Pages("DescribeSecurityGroups",
            (token, c) => ec2.Client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = Ec2Support.OwnedBy(environments), NextToken = token }, c),
            r => r.SecurityGroups, r => r.NextToken, ct).ConfigureAwait(false);
        return groups.Select(g => Ec2Support.Observed(Kind, g.GroupId, g.Tags,
            [
                (K.Vpc, FieldValue.Of(g.VpcId)),
                (K.Name, FieldValue.Of(g.GroupName)),
                (K.Description, FieldValue.Of(g.Description)),
                (K.Ingress, FieldValue.ItemsOf(Rules(g.IpPermissions))),
                (K.Egress, FieldValue.ItemsOf(Rules(g.IpPermissionsEgress))),
            ])).OfType<ObservedResource>().ToList();
    }

    /// <summary>One rule per target of each AWS permission (a permission may list several ranges and groups).</summary>
    public static IEnumerable<SecurityRule> Rules(IEnumerable<IpPermission>? permissions)
    {
        foreach (var p in permissions ?? [])
        {
            var (protocol, from, to) = (p.IpProtocol, p.FromPort, p.ToPort);
            foreach (var range in p.Ipv4Ranges ?? [])
            {
                yield return SecurityRule.Create(protocol, from, to, cidr: range.CidrIp);
            }

            foreach (var range in p.Ipv6Ranges ?? [])
            {
                yield return SecurityRule.Create(protocol, from, to, ipv6Cidr: range.CidrIpv6);
            }

            foreach (var pair in p.UserIdGroupPairs ?? [])
            {
                yield return SecurityRule.Create(protocol, from, to, sourceGroup: pair.GroupId);
            }

            foreach (var list in p.PrefixListIds ?? [])
            {
                yield return SecurityRule.Create(protocol, from, to, prefixList: list.Id);
            }
        }
    }

    /// <summary>
    /// The AWS permission of one rule. With all protocols (-1) no ports are sent: AWS ignores them ("specifying -1 ...
    /// allows traffic on all ports, regardless of any port range you specify": EC2 API reference, IpPermission).
    /// </summary>
    public static IpPermission Permission(SecurityRule rule)
    {
        var permission = new IpPermission { IpProtocol = rule.Protocol };
        if (rule.Protocol != SecurityRule.AllProtocols)
        {
            permission.FromPort = rule.From;
            permission.ToPort = rule.To;
        }

        if (rule.SourceGroup is { } group)
        {
            permission.UserIdGroupPairs = [new UserIdGroupPair { GroupId = group }];
        }
        else if (rule.PrefixList is { } list)
        {
            permission.PrefixListIds = [new PrefixListId { Id = list }];
        }
        else if (rule.Ipv6Cidr is { } ipv6)
        {
            permission.Ipv6Ranges = [new Ipv6Range { CidrIpv6 = ipv6 }];
        }
        else
        {
            permission.Ipv4Ranges = [new IpRange { CidrIp = rule.Cidr }];
        }

        return permission;
    }

    public async Task<CreatedResource> CreateAsync(ResolvedResource desired, CancellationToken ct)
    {
        // A group name is unique within its VPC (CreateSecurityGroup API reference: "InvalidGroup.Duplicate"): the group
        // holding it is adopted if its tags are ours (a create whose answer was lost), else reported with its id.
        var (name, vpc) = (desired.Get(K.Name), desired.Get(K.Vpc));
        var id = await TaggedResources.CreateOrAdoptAsync(
            async () => (await ec2.Create("CreateSecurityGroup", c => ec2.Client.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = desired.Get(K.Description),
                VpcId = vpc,
                TagSpecifications = Ec2Support.TagsAtCreation(ResourceType.SecurityGroup, desired.Tags),
            }, c), ct).ConfigureAwait(false)).GroupId,
            async () => (await ec2.Read("DescribeSecurityGroups", c => ec2.Client.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
            {
                Filters = [new Filter("vpc-id", [vpc]), new Filter("group-name", [name])],
            }, c), ct).ConfigureAwait(false)).SecurityGroups?.FirstOrDefault() is { } existing
                ? (existing.GroupId, (existing.Tags ?? []).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal))
                : null,
            groupId => groupId,
            desired.Tags,
            $"the security group name {name} in {vpc}",
            "InvalidGroup.Duplicate").ConfigureAwait(false);
        await SyncRules(id, desired.Items<SecurityRule>(K.Ingress), [], ingress: true, ct).ConfigureAwait(false);
        await SyncRules(id, desired.Items<SecurityRule>(K.Egress), [SecurityRule.AllowAllEgress], ingress: false, ct).ConfigureAwait(false);
        return new CreatedResource(id);
    }

    public async Task UpdateAsync(ResolvedResource desired, ObservedResource actual, IReadOnlyList<FieldChange> changes, CancellationToken ct)
    {
        if (changes.Any(c => c.Path == K.Ingress))
        {
            await SyncRules(actual.AwsId, desired.Items<SecurityRule>(K.Ingress), actual.Items<SecurityRule>(K.Ingress), ingress: true, ct).ConfigureAwait(false);
        }

        if (changes.Any(c => c.Path == K.Egress))
        {
            await SyncRules(actual.AwsId, desired.Items<SecurityRule>(K.Egress), actual.Items<SecurityRule>(K.Egress), ingress: false, ct).ConfigureAwait(false);
        }

        await ec2.UpdateTags(actual.AwsId, desired.Tags, changes, ct).ConfigureAwait(false);
    }

    private async Task SyncRules(string groupId, IReadOnlyCollection<SecurityRule> want, IReadOnlyCollection<SecurityRule> have, bool ingress, CancellationToken ct)
    {
        var add = want.Except(have).Select(Permission).ToList();
        var remove = have.Except(want).Select(Permission).ToList();
        if (remove.Count > 0)
        {
            // Already revoked, or naming a group that is gone: either way the rule is not there to revoke.
            await Ignoring(["InvalidPermission.NotFound", "InvalidGroup.NotFound"], ingress
                ? ec2.Delete("RevokeSecurityGroupIngress", c => ec2.Client.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = remove }, c), ct)
                : ec2.Delete("RevokeSecurityGroupEgress", c => ec2.Client.RevokeSecurityGroupEgressAsync(new RevokeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = remove }, c), ct)).ConfigureAwait(false);
        }

        if (add.Count > 0)
        {
            // A duplicate means a retried call already added them: the rules are there.
            await Ignoring(["InvalidPermission.Duplicate"], ingress
                ? ec2.Mutate("AuthorizeSecurityGroupIngress", c => ec2.Client.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = add }, c), ct)
                : ec2.Mutate("AuthorizeSecurityGroupEgress", c => ec2.Client.AuthorizeSecurityGroupEgressAsync(new AuthorizeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = add }, c), ct)).ConfigureAwait(false);
        }
    }

    private static async Task Ignoring(string[] codes, Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (AwsCallException ex) when (codes.Contains(ex.Error.Code))
        {
        }
    }

    public async Task DeleteAsync(ObservedResource actual, CancellationToken ct)
    {
        // Rules that name other groups would keep those groups from being deleted: revoke them first.
        var ingress = actual.Items<SecurityRule>(K.Ingress);
        var egress = actual.Items<SecurityRule>(K.Egress);
        await SyncRules(actual.AwsId, ingress.Where(r => !r.NamesGroup).ToList(), ingress, ingress: true, ct).ConfigureAwait(false);
        await SyncRules(actual.AwsId, egress.Where(r => !r.NamesGroup).ToList(), egress, ingress: false, ct).ConfigureAwait(false);
        await ec2.DeleteResource("DeleteSecurityGroup", "InvalidGroup.NotFound", c => ec2.Client.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = actual.AwsId }, c), ct).ConfigureAwait(false);
    }
}
