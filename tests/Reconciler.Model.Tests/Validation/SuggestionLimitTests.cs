using System.Text;
using Reconciler.Model.Loading;

namespace Reconciler.Model.Tests.Validation;

public sealed class SuggestionLimitTests
{
    /// <summary>A spec whose hosts name <paramref name="dangling"/> subnets that do not exist.</summary>
    private static string Spec(int dangling)
    {
        var text = new StringBuilder("""
            apiVersion: reconciler/v1
            kind: Environment
            metadata: { name: many }
            spec:
              region: eu-west-1
              network:
                cidr: 10.0.0.0/16
                subnets:
                  - { name: subnet-a, zone: eu-west-1a, cidr: 10.0.0.0/24 }
              hosts:
                - name: ecs
                  instanceType: t3.small
                  subnets: [
            """);
        text.AppendJoin(", ", Enumerable.Range(0, dangling).Select(i => $"subnet-{i}"));
        text.Append("]\n");
        return text.ToString();
    }

    [Fact]
    public void Validate_Should_SuggestOnlyForTheFirstHundredDanglingReferences_When_ASpecHasMany()
    {
        var spec = SpecLoader.LoadText(Spec(150), "many.yaml");

        var dangling = spec.Errors.Where(e => e.Message.StartsWith("no subnet named", StringComparison.Ordinal)).ToList();
        Assert.Equal(150, dangling.Count);
        Assert.Equal(100, dangling.Count(e => e.Message.Contains("did you mean", StringComparison.Ordinal)));
    }
}
