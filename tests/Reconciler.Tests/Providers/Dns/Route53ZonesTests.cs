using Reconciler.Aws.Route53;
using Reconciler.Providers.Dns;
using AliasTarget = Reconciler.Aws.Route53.AliasTarget;

namespace Reconciler.Tests.Providers.Dns;

public sealed class Route53ZonesTests
{
    /// <summary>
    /// Route53 lists a wildcard record as \052.example.com. (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html);
    /// the DELETE names it as it was created, and keeps everything else of the set as listed (a DELETE must match it).
    /// </summary>
    [Fact]
    public void Deletion_Should_NameTheRecordAsCreated_When_Route53ListsItEscaped()
    {
        var alias = new AliasTarget("Z2", "dualstack.app-1.elb.amazonaws.com.", false);
        var listed = new ResourceRecordSet("\\052.wildcard.example.com.", "A", null, [], alias);

        var change = Route53Zones.Deletion(listed);

        Assert.Equal("DELETE", change.Action);
        Assert.Equal(listed with { Name = "*.wildcard.example.com." }, change.RecordSet);
    }
}
