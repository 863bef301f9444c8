using Reconciler.Leases;

namespace Reconciler.Tests.Leases;

public sealed class ReplicaIdentityTests
{
    [Theory]
    [InlineData("http://169.254.170.2/v4/a8ff8a7c3e5e4d2a9e1e1a1f1d1e1c1b-1234567890", "ecs-a8ff8a7c3e5e4d2a9e1e1a1f1d1e1c1b-1234567890")]
    [InlineData("http://169.254.170.2/v4/abc/", "ecs-abc")]
    [InlineData("", null)]
    [InlineData("not a uri", null)]
    [InlineData(null, null)]
    public void FromEcsMetadata_Should_NameTheTask_When_TheMetadataUriIsSet(string? uri, string? expected) =>
        Assert.Equal(expected, ReplicaIdentity.FromEcsMetadata(uri));
}
