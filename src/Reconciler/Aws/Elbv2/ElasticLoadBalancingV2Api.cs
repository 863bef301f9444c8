using System.Globalization;
using System.Xml.Linq;
using Reconciler.Aws.Http;

namespace Reconciler.Aws.Elbv2;

/// <summary>
/// ELBv2 over the Query protocol. Lists are flattened as <c>Name.member.N</c> (botocore's model names no other member);
/// every call goes through the call runner with its purpose (Read, Mutate, Delete).
/// </summary>
internal sealed class ElasticLoadBalancingV2Api(QueryProtocolClient query) : IElasticLoadBalancingV2Api
{
    /// <summary>DescribeTags accepts at most 20 ARNs per call.</summary>
    public const int TagBatch = 20;

    /// <summary>
    /// Listener ARNs asked per DescribeListeners. The model sets no maximum on ListenerArns and AWS documents none; 20,
    /// DescribeTags' documented limit, keeps each request small and a failed batch (ListenerNotFound) cheap to redo.
    /// </summary>
    public const int ListenerBatch = 20;

    /// <summary>The largest page the Describe calls accept.</summary>
    public const int PageSize = 400;

    public async Task<IReadOnlyList<Elbv2LoadBalancer>> DescribeLoadBalancersAsync(CancellationToken ct) =>
        (await Pages("DescribeLoadBalancers", new QueryParams(), "LoadBalancers", ct).ConfigureAwait(false)).Select(LoadBalancer).ToList();

    public async Task<IReadOnlyList<Elbv2TargetGroup>> DescribeTargetGroupsAsync(CancellationToken ct) =>
        (await Pages("DescribeTargetGroups", new QueryParams(), "TargetGroups", ct).ConfigureAwait(false)).Select(TargetGroup).ToList();

    public async Task<IReadOnlyList<Elbv2Listener>> DescribeListenersAsync(string loadBalancerArn, CancellationToken ct) =>
        (await Pages("DescribeListeners", new QueryParams().Add("LoadBalancerArn", loadBalancerArn), "Listeners", ct).ConfigureAwait(false)).Select(Listener).ToList();

    public async Task<IReadOnlyList<Elbv2Listener>> DescribeListenersAsync(IReadOnlyList<string> listenerArns, CancellationToken ct) =>
        (await Pages("DescribeListeners", new QueryParams().List("ListenerArns", listenerArns), "Listeners", ct).ConfigureAwait(false)).Select(Listener).ToList();

    public async Task<IReadOnlyList<string>> DescribeRulesAsync(string listenerArn, CancellationToken ct) =>
        (await Pages("DescribeRules", new QueryParams().Add("ListenerArn", listenerArn), "Rules", ct).ConfigureAwait(false))
            .Where(r => r.Text("IsDefault") != "true").Select(r => r.Text("RuleArn") ?? string.Empty).ToList();

    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> DescribeTagsAsync(IReadOnlyList<string> arns, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var batch in arns.Chunk(TagBatch))
        {
            var answer = await query.CallAsync("DescribeTags", new QueryParams().List("ResourceArns", batch), CallPurpose.Read, ct).ConfigureAwait(false);
            foreach (var description in answer.Items("TagDescriptions"))
            {
                result[description.Text("ResourceArn") ?? string.Empty] = Tags(description);
            }
        }

        return result;
    }

    public async Task<Elbv2LoadBalancer> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken ct)
    {
        var parameters = new QueryParams()
            .Add("Name", request.Name)
            .Add("Type", "application")
            .Add("Scheme", request.Scheme)
            .Add("IpAddressType", "ipv4")
            .List("Subnets", request.Subnets)
            .List("SecurityGroups", request.SecurityGroups)
            .Tags(request.Tags);
        // Create: a lost answer is not resent. AWS answers a same-named, same-settings create with the existing load
        // balancer, but an endpoint may make a second one (moto_server does); the next pass finds it by its tags.
        var answer = await query.CallAsync("CreateLoadBalancer", parameters, CallPurpose.Create, ct).ConfigureAwait(false);
        return LoadBalancer(answer.Items("LoadBalancers").Single());
    }

    public Task SetSubnetsAsync(string loadBalancerArn, IReadOnlyCollection<string> subnets, CancellationToken ct) =>
        query.CallAsync("SetSubnets", new QueryParams().Add("LoadBalancerArn", loadBalancerArn).List("Subnets", subnets), CallPurpose.Mutate, ct);

    public Task SetSecurityGroupsAsync(string loadBalancerArn, IReadOnlyCollection<string> securityGroups, CancellationToken ct) =>
        query.CallAsync("SetSecurityGroups", new QueryParams().Add("LoadBalancerArn", loadBalancerArn).List("SecurityGroups", securityGroups), CallPurpose.Mutate, ct);

    public Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken ct) =>
        query.CallAsync("DeleteLoadBalancer", new QueryParams().Add("LoadBalancerArn", loadBalancerArn), CallPurpose.Delete, ct);

    public async Task<Elbv2TargetGroup> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken ct)
    {
        var parameters = HealthCheck(new QueryParams()
            .Add("Name", request.Name)
            .Add("Protocol", request.Protocol)
            .Add("Port", request.Port)
            .Add("VpcId", request.VpcId)
            .Add("TargetType", request.TargetType), request.HealthCheck)
            .Tags(request.Tags);
        var answer = await query.CallAsync("CreateTargetGroup", parameters, CallPurpose.Mutate, ct).ConfigureAwait(false);
        return TargetGroup(answer.Items("TargetGroups").Single());
    }

    public Task ModifyTargetGroupAsync(string targetGroupArn, Elbv2HealthCheck healthCheck, CancellationToken ct) =>
        query.CallAsync("ModifyTargetGroup", HealthCheck(new QueryParams().Add("TargetGroupArn", targetGroupArn), healthCheck), CallPurpose.Mutate, ct);

    public Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken ct) =>
        query.CallAsync("DeleteTargetGroup", new QueryParams().Add("TargetGroupArn", targetGroupArn), CallPurpose.Delete, ct);

    public async Task<Elbv2Listener> CreateListenerAsync(string loadBalancerArn, ListenerSettings settings, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        var parameters = Listener(new QueryParams().Add("LoadBalancerArn", loadBalancerArn), settings).Tags(tags);
        // Create, as for load balancers: an endpoint may add a second listener on the port (moto_server does).
        var answer = await query.CallAsync("CreateListener", parameters, CallPurpose.Create, ct).ConfigureAwait(false);
        return Listener(answer.Items("Listeners").Single());
    }

    public Task ModifyListenerAsync(string listenerArn, ListenerSettings settings, CancellationToken ct) =>
        query.CallAsync("ModifyListener", Listener(new QueryParams().Add("ListenerArn", listenerArn), settings), CallPurpose.Mutate, ct);

    public Task DeleteListenerAsync(string listenerArn, CancellationToken ct) =>
        query.CallAsync("DeleteListener", new QueryParams().Add("ListenerArn", listenerArn), CallPurpose.Delete, ct);

    public Task AddTagsAsync(string arn, IReadOnlyDictionary<string, string> tags, CancellationToken ct) =>
        query.CallAsync("AddTags", new QueryParams().List("ResourceArns", [arn]).Tags(tags), CallPurpose.Mutate, ct);

    /// <summary>Every page of a Describe call: the Marker of one answer's NextMarker, until there is none.</summary>
    private async Task<List<XElement>> Pages(string operation, QueryParams parameters, string list, CancellationToken ct)
    {
        var items = new List<XElement>();
        string? marker = null;
        do
        {
            var page = new QueryParams();
            foreach (var (key, value) in parameters.Values)
            {
                page.Add(key, value);
            }

            page.Add("PageSize", PageSize).Add("Marker", marker);
            var answer = await query.CallAsync(operation, page, CallPurpose.Read, ct).ConfigureAwait(false);
            items.AddRange(answer.Items(list));
            marker = answer.Text("NextMarker");
        }
        while (!string.IsNullOrEmpty(marker));

        return items;
    }

    private static QueryParams HealthCheck(QueryParams parameters, Elbv2HealthCheck check) => parameters
        .Add("HealthCheckPath", check.Path)
        .Add("Matcher.HttpCode", check.SuccessCodes)
        .Add("HealthCheckIntervalSeconds", check.IntervalSeconds)
        .Add("HealthyThresholdCount", check.HealthyThreshold)
        .Add("UnhealthyThresholdCount", check.UnhealthyThreshold)
        .Add("HealthCheckTimeoutSeconds", check.TimeoutSeconds)
        .Add("HealthCheckProtocol", check.Protocol)
        .Add("HealthCheckPort", check.Port)
        .Add("HealthCheckEnabled", check.Enabled);

    private static QueryParams Listener(QueryParams parameters, ListenerSettings settings)
    {
        var action = settings.DefaultAction;
        parameters.Add("Protocol", settings.Protocol).Add("Port", settings.Port);
        if (settings.CertificateArn is { } certificate)
        {
            parameters.Structures("Certificates", [certificate], c => [("CertificateArn", c)]);
        }

        return parameters.Structures("DefaultActions", [action], a =>
        [
            ("Type", a.Type),
            ("TargetGroupArn", a.TargetGroupArn),
            ("RedirectConfig.Protocol", a.RedirectProtocol),
            ("RedirectConfig.Port", a.RedirectPort),
            ("RedirectConfig.StatusCode", a.RedirectStatusCode),
        ]);
    }

    private static int Int(XElement e, string name) => int.Parse(e.Text(name) ?? "0", CultureInfo.InvariantCulture);

    private static Elbv2LoadBalancer LoadBalancer(XElement e) => new(
        e.Text("LoadBalancerArn") ?? string.Empty,
        e.Text("LoadBalancerName") ?? string.Empty,
        e.Text("Scheme") ?? string.Empty,
        e.Element("State")?.Text("Code") ?? string.Empty,
        e.Text("DNSName") ?? string.Empty,
        e.Text("CanonicalHostedZoneId") ?? string.Empty,
        e.Items("AvailabilityZones").Select(z => z.Text("SubnetId")).OfType<string>().ToList(),
        e.Items("SecurityGroups").Select(g => g.Value).ToList());

    private static Elbv2TargetGroup TargetGroup(XElement e) => new(
        e.Text("TargetGroupArn") ?? string.Empty,
        e.Text("TargetGroupName") ?? string.Empty,
        e.Text("Protocol") ?? string.Empty,
        Int(e, "Port"),
        e.Text("VpcId") ?? string.Empty,
        e.Text("TargetType") ?? string.Empty,
        new Elbv2HealthCheck(
            e.Text("HealthCheckPath") ?? string.Empty,
            e.Element("Matcher")?.Text("HttpCode") ?? string.Empty,
            Int(e, "HealthCheckIntervalSeconds"),
            Int(e, "HealthyThresholdCount"),
            Int(e, "UnhealthyThresholdCount"),
            e.Text("HealthCheckTimeoutSeconds") is { } timeout ? int.Parse(timeout, CultureInfo.InvariantCulture) : null,
            e.Text("HealthCheckProtocol"),
            e.Text("HealthCheckPort"),
            e.Text("HealthCheckEnabled") is { } on ? on == "true" : null));

    private static Elbv2Listener Listener(XElement e) => new(
        e.Text("ListenerArn") ?? string.Empty,
        e.Text("LoadBalancerArn") ?? string.Empty,
        e.Text("Protocol") ?? string.Empty,
        Int(e, "Port"),
        e.Items("Certificates").Select(c => c.Text("CertificateArn")).FirstOrDefault(),
        e.Items("DefaultActions").Select(a => new Elbv2Action(
            a.Text("Type") ?? string.Empty,
            a.Text("TargetGroupArn"),
            a.Element("RedirectConfig")?.Text("Protocol"),
            a.Element("RedirectConfig")?.Text("Port"),
            a.Element("RedirectConfig")?.Text("StatusCode"))).ToList());

    private static Dictionary<string, string> Tags(XElement description) =>
        description.Items("Tags")
            .GroupBy(t => t.Text("Key") ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Text("Value") ?? string.Empty, StringComparer.Ordinal);
}
