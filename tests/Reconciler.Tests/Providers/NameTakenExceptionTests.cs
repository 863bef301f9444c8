using System.Net;
using Reconciler.Aws;
using Reconciler.Model.Graph;
using Reconciler.Providers;

namespace Reconciler.Tests.Providers;

public sealed class NameTakenExceptionTests
{
    private static readonly Dictionary<string, string> Ours = new(StringComparer.Ordinal)
    {
        [Ownership.EnvironmentTag] = "stage",
        [Ownership.LogicalIdTag] = "security-group/web",
    };

    private static readonly AwsCallException Duplicate =
        new("ec2", "CreateSecurityGroup", AwsError.Classify("InvalidGroup.Duplicate", HttpStatusCode.BadRequest, "r-1"), new InvalidOperationException("The security group 'stage-web' already exists"));

    [Fact]
    public void For_Should_NameTheIdAndOfferRenameOrImport_When_TheHolderIsUntagged()
    {
        var taken = NameTakenException.For("the security group name stage-web in vpc-1", "sg-123", new Dictionary<string, string> { ["team"] = "ops" }, Ours, Duplicate);

        Assert.Equal(
            "the security group name stage-web in vpc-1 is taken by an untagged resource (sg-123), made outside this reconciler: it is never adopted or changed. " +
            "Rename this resource in the spec, or import the existing one by adding the tags reconciler:environment=stage and reconciler:logical-id=security-group/web to it (the next apply adopts it)",
            taken.Message);
        Assert.Same(Duplicate, taken.InnerException);
    }

    [Fact]
    public void For_Should_OfferOnlyRenaming_When_TheHolderBelongsToAnotherEnvironment()
    {
        var prod = new Dictionary<string, string> { [Ownership.EnvironmentTag] = "prod", [Ownership.LogicalIdTag] = "security-group/web" };

        var taken = NameTakenException.For("the security group name stage-web in vpc-1", "sg-9", prod, Ours, Duplicate);

        Assert.Equal("the security group name stage-web in vpc-1 is taken by security-group/web of environment prod (sg-9): it is never adopted or changed; rename this resource in the spec", taken.Message);
        Assert.DoesNotContain("import", taken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Should_SayTheLookupFoundNothing_When_TheHolderWasNotFoundAgain()
    {
        var taken = NameTakenException.For("the log group name /ecs/app", null, null, Ours, Duplicate);

        Assert.StartsWith("the log group name /ecs/app is taken by a resource this reconciler does not own (AWS answered InvalidGroup.Duplicate; it was not found again to name it)", taken.Message, StringComparison.Ordinal);
    }
}
