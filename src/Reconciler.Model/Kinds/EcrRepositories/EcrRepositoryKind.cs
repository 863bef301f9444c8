using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// The ecr-repository kind. The name is fixed by CreateRepository; scan on push and tag mutability change in place
/// (PutImageScanningConfiguration, PutImageTagMutability: ECR API reference). Stateful: a repository with images is
/// deleted only with the spec's allowDeletionWithImages.
/// </summary>
internal static class EcrRepositoryKind
{
    public const string Name = "name";
    public const string ScanOnPush = "scanOnPush";
    public const string TagMutability = "tagMutability";

    public const string Mutable = "MUTABLE";
    public const string Immutable = "IMMUTABLE";

    public static ResourceKind Kind { get; } = ResourceKind.Define("ecr-repository", 5,
        "An ECR repository of `spec.repositories[]`, named `<environment>-<name>`; the AWS id is its name, `uri` what task definitions refer to.",
        [
            new(Name, "`<environment>-<name>`, or the entry's `awsName` as given", ForcesReplacement: true),
            new(ScanOnPush, "whether each pushed image is scanned"),
            new(TagMutability, "MUTABLE, or IMMUTABLE with immutableTags"),
        ],
        stateful: true);
}
