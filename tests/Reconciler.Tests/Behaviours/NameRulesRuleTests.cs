using System.Text.Json;
using Reconciler.Aws;
using Reconciler.Aws.Http;
using Reconciler.Model.Loading;
using Reconciler.Model.Spec;
using Reconciler.Tests.Behaviours.Rules;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The rule plays the name rules of ELBv2, RDS and ECR; the spec validation refuses the same names at load, before any
/// call, so the product never meets the rule.
/// </summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NameRulesRuleTests(MotoServer moto)
{
    [Fact]
    public async Task Before_Should_AnswerTheServicesValidationErrors_When_NamesBreakTheirRules()
    {
        var rule = new NameRulesRule();
        await using var layer = await LayeredHarness.StartAsync(moto, [rule]);
        var elb = layer.H.Aws.Query(AwsServices.Elbv2, EngineHarness.Region);
        var rds = layer.H.Aws.Query(AwsServices.Rds, EngineHarness.Region);
        var ecr = layer.H.Aws.Json(AwsServices.Ecr, EngineHarness.Region);
        var vpc = (await layer.H.Ec2.CreateVpcAsync(new Amazon.EC2.Model.CreateVpcRequest { CidrBlock = "10.9.0.0/16" })).Vpc.VpcId;
        QueryParams Group(string name) => new QueryParams().Add("Name", name).Add("Protocol", "HTTP").Add("Port", 80).Add("VpcId", vpc);
        async Task<AwsApiException> Refused(Func<Task> call) => Assert.IsType<AwsApiException>((await Assert.ThrowsAsync<AwsCallException>(call)).InnerException);

        var hyphen = await Refused(() => elb.CallAsync("CreateTargetGroup", Group("tg-ends-with-"), CallPurpose.Read, CancellationToken.None));
        var tooLong = await Refused(() => elb.CallAsync("CreateTargetGroup", Group(new string('t', 33)), CallPurpose.Read, CancellationToken.None));
        var internalLb = await Refused(() => elb.CallAsync("CreateLoadBalancer", new QueryParams().Add("Name", "internal-app"), CallPurpose.Read, CancellationToken.None));
        var db = await Refused(() => rds.CallAsync("CreateDBInstance", new QueryParams().Add("DBInstanceIdentifier", "app--db").Add("DBInstanceClass", "db.t3.micro").Add("Engine", "postgres"), CallPurpose.Read, CancellationToken.None));
        var repo = await Refused(() => ecr.CallAsync<object, JsonElement>("CreateRepository", new { repositoryName = "Test-App" }, CallPurpose.Read, CancellationToken.None));
        var created = await elb.CallAsync("CreateTargetGroup", Group(TestSpecs.UniqueName("tg")), CallPurpose.Read, CancellationToken.None);

        Assert.All(new[] { hyphen, tooLong, internalLb }, e => Assert.Equal(("ValidationError", 400), (e.Code, (int)e.Status)));
        Assert.Contains("cannot be longer than '32' characters", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidParameterValue", db.Code);
        Assert.Equal("InvalidParameterException", repo.Code);
        Assert.Contains(created.Descendants(), e => e.Name.LocalName == "TargetGroupArn");
        Assert.Equal(5, rule.Played);
    }

    /// <summary>Each name AWS would refuse is refused by the spec validation at load, at the field, before any AWS call.</summary>
    [Theory]
    [InlineData("demo", "        - name: app\n          protocol: HTTP", "        - name: app-\n          protocol: HTTP", "spec.loadBalancers[0].targetGroups[0].name", "target group", "app-")]
    [InlineData("internal", "", "", "spec.loadBalancers[0].name", "load balancer", "app")]
    [InlineData("demo", "    - name: app-db\n", "    - name: app--db\n", "spec.databases[0].name", "db", "app--db")]
    [InlineData("demo", "    - { name: app }", "    - { name: App }", "spec.repositories[0].name", "repository", "App")]
    public void Load_Should_RefuseTheName_When_TheServiceWouldAnswerAValidationError(string env, string find, string replace, string path, string kind, string logical)
    {
        var physical = PhysicalNames.For(env, logical);
        var awsAnswer = kind switch
        {
            "target group" => NameRulesRule.Elb("Target group", physical, loadBalancer: false),
            "load balancer" => NameRulesRule.Elb("Load balancer", physical, loadBalancer: true),
            "db" => NameRulesRule.Rds(physical),
            _ => NameRulesRule.Ecr(physical),
        };

        var loaded = SpecLoader.LoadText(TestSpecs.SampleText(env, t => find.Length == 0 ? t : t.Replace(find, replace, StringComparison.Ordinal)), "env.yaml");

        Assert.NotNull(awsAnswer);
        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors, e => e.Path == path && e.ToString().StartsWith("env.yaml:", StringComparison.Ordinal));
    }
}
