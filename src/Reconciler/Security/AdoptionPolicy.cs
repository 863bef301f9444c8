namespace Reconciler.Security;

/// <summary>
/// <c>reconciler iam-policy --adoption</c>: what <c>import --adopt</c> needs to write (Import/*Tagger.cs): ownership
/// tags on resources that carry none yet. The controller's policy refuses exactly that: its tagging calls work only
/// while one of our creations tags, or on resources that already carry our tag (<see cref="TagGuard"/>), so that a bug
/// cannot take over someone else's resource. Adoption therefore gets a policy of its own, for whoever adopts (a person,
/// once): tagging only with the adopted environments' tag and the logical id in the request. Route53's owner records and
/// S3's bucket tags have no tag condition key (<see cref="AbacReference"/>) and are granted on <c>*</c>.
/// </summary>
internal static class AdoptionPolicy
{
    /// <summary>The taggers' tagging calls; each row gives aws:RequestTag and aws:TagKeys for every resource type it lists.</summary>
    public static IReadOnlyList<string> TagActions { get; } =
    [
        "acm:AddTagsToCertificate", "ec2:CreateTags", "ecr:TagResource", "ecs:TagResource", "elasticloadbalancing:AddTags", "logs:TagResource",
        "rds:AddTagsToResource",
    ];

    /// <summary>The taggers' writes AWS offers no tag condition for.</summary>
    public static IReadOnlyList<string> UntaggableWrites { get; } = ["route53:ChangeResourceRecordSets", "s3:PutBucketTagging"];

    /// <summary>What the taggers read before they write: the current tags, so that a write keeps the others.</summary>
    public static IReadOnlyList<string> Reads { get; } =
    [
        "acm:ListTagsForCertificate", "ec2:DescribeTags", "ecr:DescribeRepositories", "ecr:ListTagsForResource", "ecs:DescribeClusters",
        "ecs:DescribeServices", "ecs:DescribeTaskDefinition", "elasticloadbalancing:DescribeTags", "logs:DescribeLogGroups", "logs:ListTagsForResource",
        "rds:DescribeDBInstances", "rds:DescribeDBSubnetGroups", "rds:ListTagsForResource", "route53:ListResourceRecordSets", "s3:GetBucketTagging",
    ];

    public static IReadOnlyList<PolicyStatement> Statements(IReadOnlyCollection<string> environments) =>
    [
        PolicyStatement.Of("AdoptionNoTagCondition", UntaggableWrites, ["*"]),
        PolicyStatement.Of("AdoptionRead", Reads, ["*"]),
        PolicyStatement.Of("AdoptionTagUntagged", TagActions, ["*"], AbacStatements.Requested(environments), AbacStatements.LogicalIdSent),
    ];

    public static string Json(IReadOnlyCollection<string> environments) => PolicyDocuments.Print(PolicyDocuments.Split(Statements(environments)));
}
