using Reconciler.Model.Graph;
using static Reconciler.Model.Tests.TestSpecs;

namespace Reconciler.Model.Tests.Graph;

/// <summary>What the execution role's inline policy names for the secrets a task definition takes.</summary>
public sealed class ContainerValuesTests
{
    [Theory]
    // valueFrom with a JSON key, stage and version: the policy names the secret itself.
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf:password::", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf")]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:parameter/app/key", null)]
    [InlineData("/app/key", null)]
    public void SecretArn_Should_DropTheKeyStageAndVersion_When_TheValueIsASecretsManagerArn(string valueFrom, string? expected) =>
        Assert.Equal(expected, ContainerValues.SecretArn(valueFrom));

    [Theory]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:parameter/app/key", "arn:aws:ssm:eu-west-1:123456789012:parameter/app/key")]
    // A name is a parameter of the task's region; the spec names no account.
    [InlineData("/app/key", "arn:aws:ssm:eu-west-1:*:parameter/app/key")]
    [InlineData("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf", null)]
    public void ParameterArn_Should_NameTheParameter_When_TheValueIsAnSsmParameter(string valueFrom, string? expected) =>
        Assert.Equal(expected, ContainerValues.ParameterArn(valueFrom, "eu-west-1"));

    [Fact]
    public void Build_Should_GrantTheLiteralSecretsAndParameters_When_TheSpecNamesThem()
    {
        var yaml = Mutate("          environment: { MODE: production }",
            "          environment: { MODE: production }\n" +
            "          secrets: { KEY: \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf:key::\", TOKEN: /app/token }");

        var graph = GraphBuilder.Build(Load(yaml).Document!).Graph!;

        var policy = graph.Find("role-policy/ecsTaskExecutionRole")!;
        Assert.Equal(["arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-AbCdEf"], policy.SetOf("secrets"));
        Assert.Equal(["arn:aws:ssm:eu-west-1:*:parameter/app/token"], policy.SetOf("parameters"));
        Assert.Equal("reconciler-test-secrets", policy.Get("name"));
        Assert.Contains("role-policy/ecsTaskExecutionRole", graph.Find("ecs-service/app")!.DependsOn);
    }

    [Fact]
    public void Build_Should_AddNoPolicy_When_NoTaskDefinitionNamesASecret()
    {
        var graph = GraphBuilder.Build(Load(Base).Document!).Graph!;

        Assert.DoesNotContain(graph.Resources, r => r.Kind == ResourceKinds.RolePolicy);
        Assert.DoesNotContain(graph.Find("ecs-service/app")!.DependsOn, d => d.StartsWith("role-policy/", StringComparison.Ordinal));
    }
}
