using System.Text.Json;
using Reconciler.Security;

namespace Reconciler.Tests.Security;

/// <summary>
/// Splitting into documents within IAM's managed-policy size, 6,144 characters without white space
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
/// </summary>
public sealed class PolicyDocumentsTests
{
    private static PolicyStatement Statement(int i) =>
        PolicyStatement.Of($"Statement{i:D3}", [$"ec2:Action{i}", "ec2:DescribeVpcs"], [$"arn:aws:ec2:*:*:vpc/vpc-{i:D8}"], new PolicyCondition("Null", "aws:ResourceTag/reconciler:environment", ["false"]));

    [Fact]
    public void Split_Should_KeepEveryStatementInOrderAndEachDocumentWithinTheLimit_When_TheyDoNotFitInOne()
    {
        var statements = Enumerable.Range(0, 60).Select(Statement).ToList();

        var documents = PolicyDocuments.Split(statements);

        Assert.True(documents.Count > 1);
        Assert.All(documents, d => Assert.True(PolicyDocuments.Size(d) <= PolicyDocuments.ManagedPolicyLimit, $"{PolicyDocuments.Size(d)} characters"));
        var sids = documents.SelectMany(d => JsonDocument.Parse(d).RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!)).ToList();
        Assert.Equal(statements.Select(s => s.Sid), sids);
        Assert.All(documents, d => Assert.Equal("2012-10-17", JsonDocument.Parse(d).RootElement.GetProperty("Version").GetString()));
    }

    [Fact]
    public void Split_Should_WriteOneDocument_When_TheStatementsFit()
    {
        var documents = PolicyDocuments.Split([Statement(1), Statement(2)]);

        var document = Assert.Single(documents);
        var condition = JsonDocument.Parse(document).RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("Null");
        Assert.Equal("false", condition.GetProperty("aws:ResourceTag/reconciler:environment").GetString()); // Null takes one value, not a list
        Assert.Equal(document, PolicyDocuments.Print(documents));
    }

    [Fact]
    public void Size_Should_CountNoWhiteSpace_When_TheDocumentIsIndented()
    {
        var document = PolicyDocuments.Write([Statement(1)]);

        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(document).RootElement).Length, PolicyDocuments.Size(document));
    }
}
