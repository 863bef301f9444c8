using Amazon.EC2.Model;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Http;
using Reconciler.Engine;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;
using Reconciler.Providers.Elbv2;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Providers.Elbv2;

/// <summary>Target groups, the load balancer and its listeners against moto_server, from the sample spec.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "Integration")]
public sealed class Elbv2ProvidersTests : IDisposable
{
    private readonly EngineHarness _h = new();
    private readonly Elbv2Support _elb;
    private readonly TargetGroupProvider _targetGroups;
    private readonly LoadBalancerProvider _balancers;
    private readonly ListenerProvider _listeners;

    public Elbv2ProvidersTests()
    {
        _elb = new Elbv2Support(new ElasticLoadBalancingV2Api(_h.Aws.Query(AwsServices.Elbv2, EngineHarness.Region)), _h.Aws.Inventory(EngineHarness.Region));
        _targetGroups = new TargetGroupProvider(_elb);
        _balancers = new LoadBalancerProvider(_elb);
        _listeners = new ListenerProvider(_elb);
    }

    public void Dispose() => _h.Dispose();

    private sealed record Setup(ProviderRun Run, ResourceGraph Graph, string Env);

    /// <summary>The network the load balancer needs (made directly with EC2) and an ACM certificate for the HTTPS listener.</summary>
    private async Task<Setup> Network(string prefix)
    {
        var env = TestSpecs.UniqueName(prefix);
        var (_, graph) = TestSpecs.Load(TestSpecs.SampleText(env));
        var run = new ProviderRun(_h.Aws.Metrics, env);
        var vpc = (await _h.Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" })).Vpc.VpcId;
        run.Ids["vpc/main"] = vpc;
        var cidr = 0;
        foreach (var (name, zone) in new[] { ("public-a", "ap-northeast-1a"), ("public-c", "ap-northeast-1c"), ("public-d", "ap-northeast-1d") })
        {
            run.Ids[$"subnet/{name}"] = (await _h.Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = $"10.0.{cidr++}.0/24", AvailabilityZone = zone })).Subnet.SubnetId;
        }

        run.Ids["security-group/web"] = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = env + "-web", Description = "web", VpcId = vpc })).GroupId;
        run.Ids["security-group/other"] = (await _h.Ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest { GroupName = env + "-other", Description = "other", VpcId = vpc })).GroupId;
        var acm = _h.Aws.Json(AwsServices.Acm, EngineHarness.Region);
        var certificate = await acm.CallAsync<object, CertificateAnswer>("RequestCertificate", new { DomainName = "api.example.com", ValidationMethod = "DNS" }, Reconciler.Aws.CallPurpose.Mutate, CancellationToken.None);
        run.Ids["certificate/api"] = certificate.CertificateArn;
        return new Setup(run, graph, env);
    }

    private sealed record CertificateAnswer(string CertificateArn);

    [Fact]
    public async Task TargetGroup_Should_CreateObserveWithoutDiffUpdateHealthCheckAndDelete_When_FromTheSample()
    {
        var (run, graph, env) = await Network("tg");
        var desired = graph.Find("target-group/app")!;

        var created = await run.Create(_targetGroups, desired);
        var observed = await run.Observe(_targetGroups, desired);

        Assert.StartsWith("arn:aws:elasticloadbalancing:", created.AwsId, StringComparison.Ordinal);
        Assert.Equal(created.AwsId, observed.AwsId);
        Assert.Equal("400", observed.Get("healthCheckSuccessCodes"));
        Assert.Empty(run.Diff(desired, observed));

        var (_, edited) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("healthCheck: { path: /,", "healthCheck: { path: /health/,", StringComparison.Ordinal)));
        var changed = edited.Find("target-group/app")!;
        var changes = run.Diff(changed, observed);
        Assert.Equal(["healthCheckPath"], changes.Select(c => c.Path));
        var calls = await run.MutatingCalls(() => _targetGroups.UpdateAsync(run.Resolved(changed), observed, changes, CancellationToken.None));
        Assert.Equal(["ModifyTargetGroup"], calls);
        var after = await run.Observe(_targetGroups, changed);
        Assert.Equal("/health/", after.Get("healthCheckPath"));
        Assert.Empty(run.Diff(changed, after));

        // The timeout: created with AWS's default for HTTP, changed in place like the rest of the health check.
        Assert.Equal("6", after.Get(TargetGroupKind.HealthCheckTimeoutSeconds));
        var (_, timed) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("healthCheck: { path: /,", "healthCheck: { path: /health/, timeoutSeconds: 4,", StringComparison.Ordinal)));
        var withTimeout = timed.Find("target-group/app")!;
        var timeoutChanges = run.Diff(withTimeout, after);
        Assert.Equal([TargetGroupKind.HealthCheckTimeoutSeconds], timeoutChanges.Select(c => c.Path));
        Assert.Equal(["ModifyTargetGroup"], await run.MutatingCalls(() => _targetGroups.UpdateAsync(run.Resolved(withTimeout), after, timeoutChanges, CancellationToken.None)));
        after = await run.Observe(_targetGroups, withTimeout);
        Assert.Equal("4", after.Get(TargetGroupKind.HealthCheckTimeoutSeconds));
        Assert.Empty(run.Diff(withTimeout, after));

        await _targetGroups.DeleteAsync(after, CancellationToken.None);
        await _targetGroups.DeleteAsync(after, CancellationToken.None); // already gone: done
        Assert.DoesNotContain(await _targetGroups.ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
    }

    [Fact]
    public async Task LoadBalancerAndListeners_Should_ConvergeUpdateInPlaceAndDelete_When_FromTheSample()
    {
        var (run, graph, env) = await Network("alb");
        await run.Create(_targetGroups, graph.Find("target-group/app")!);
        var lbDesired = graph.Find("load-balancer/app")!;

        var createdLb = await run.Create(_balancers, lbDesired);

        // A new ALB is provisioning: not ready, so its dependents wait; moto turns it active on the next describe.
        Assert.Equal("load balancer is provisioning", createdLb.Readiness.Reason);
        var lb = await run.Observe(_balancers, lbDesired);
        Assert.True(lb.Readiness.IsReady);
        Assert.False(string.IsNullOrEmpty(lb.Attributes["dnsName"]));
        Assert.False(string.IsNullOrEmpty(lb.Attributes["canonicalHostedZoneId"]));
        Assert.Empty(run.Diff(lbDesired, lb));

        var https = graph.Find("listener/app-443")!;
        var http = graph.Find("listener/app-80")!;
        await run.Create(_listeners, https);
        await run.Create(_listeners, http);
        var httpsObserved = await run.Observe(_listeners, https);
        var httpObserved = await run.Observe(_listeners, http);
        Assert.Equal(run.Ids["certificate/api"], httpsObserved.Get("certificate"));
        Assert.Equal(ListenerAction.RedirectToHttps, httpObserved.Item<ListenerAction>("action"));
        Assert.Equal(ListenerAction.Forward(run.Ids["target-group/app"]), httpsObserved.Item<ListenerAction>("action"));
        Assert.Empty(run.Diff(https, httpsObserved));
        Assert.Empty(run.Diff(http, httpObserved));

        // Security groups change in place with SetSecurityGroups only.
        var (_, edited) = TestSpecs.Load(TestSpecs.SampleText(env, t => t.Replace("  securityGroups:\n    - name: web", "  securityGroups:\n    - name: other\n      description: other\n      ingress: []\n    - name: web", StringComparison.Ordinal)
            .Replace("subnets: [public-a, public-c, public-d]\n      securityGroups: [web]", "subnets: [public-a, public-c, public-d]\n      securityGroups: [web, other]", StringComparison.Ordinal)));
        var lbChanged = edited.Find("load-balancer/app")!;
        var changes = run.Diff(lbChanged, lb);
        Assert.Equal(["securityGroups"], changes.Select(c => c.Path));
        Assert.Equal(["SetSecurityGroups"], await run.MutatingCalls(() => _balancers.UpdateAsync(run.Resolved(lbChanged), lb, changes, CancellationToken.None)));
        Assert.Empty(run.Diff(lbChanged, await run.Observe(_balancers, lbChanged)));

        // Drift by hand on the redirect listener: one ModifyListener puts it back.
        await _elb.Api.ModifyListenerAsync(httpObserved.AwsId, new ListenerSettings("HTTP", 80, null, new Elbv2Action("forward", run.Ids["target-group/app"])), CancellationToken.None);
        var drifted = await run.Observe(_listeners, http);
        var drift = run.Diff(http, drifted);
        Assert.Equal(["action"], drift.Select(c => c.Path));
        Assert.Equal(("redirect:HTTPS:443:HTTP_301", "forward:" + run.Ids["target-group/app"]), (drift[0].Desired, drift[0].Actual));
        Assert.Equal(["ModifyListener"], await run.MutatingCalls(() => _listeners.UpdateAsync(run.Resolved(http), drifted, drift, CancellationToken.None)));
        Assert.Empty(run.Diff(http, await run.Observe(_listeners, http)));

        await _listeners.DeleteAsync(httpObserved, CancellationToken.None);
        await _listeners.DeleteAsync(httpsObserved, CancellationToken.None);
        await _balancers.DeleteAsync(lb, CancellationToken.None);
        await _balancers.DeleteAsync(lb, CancellationToken.None); // already gone: done
        Assert.DoesNotContain(await _balancers.ObserveAsync([env], [], CancellationToken.None), r => r.Environment == env);
    }

    [Fact]
    public async Task Observe_Should_IgnoreUntaggedAndForeignResources_When_TheyShareTheAccount()
    {
        var (run, graph, env) = await Network("elbown");
        var foreign = await _elb.Api.CreateTargetGroupAsync(new CreateTargetGroupRequest(env + "-x", "HTTP", 80, run.Ids["vpc/main"], "instance",
            new Elbv2HealthCheck("/", "200", 30, 5, 2), new Dictionary<string, string> { [Ownership.EnvironmentTag] = "someone-else", [Ownership.LogicalIdTag] = "target-group/app" }), CancellationToken.None);
        var untagged = await _elb.Api.CreateTargetGroupAsync(new CreateTargetGroupRequest(env + "-y", "HTTP", 80, run.Ids["vpc/main"], "instance",
            new Elbv2HealthCheck("/", "200", 30, 5, 2), new Dictionary<string, string>()), CancellationToken.None);
        await run.Create(_targetGroups, graph.Find("target-group/app")!);

        var observed = await _targetGroups.ObserveAsync([env], [], CancellationToken.None);

        Assert.Equal(["target-group/app"], observed.Select(o => o.LogicalId));
        Assert.DoesNotContain(observed, o => o.AwsId == foreign.Arn || o.AwsId == untagged.Arn);
    }
}
