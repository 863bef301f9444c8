using Reconciler.Aws.Acm;
using Reconciler.Aws.Elbv2;
using Reconciler.Aws.Route53;
using Reconciler.Model.Graph;
using Reconciler.Model.Kinds;

namespace Reconciler.Import;

/// <summary>
/// Load balancers in the VPC's subnets with their listeners, target groups and the certificates the listeners use,
/// then the Route53 records of any hosted zone of the account that alias those load balancers or validate those
/// certificates.
/// </summary>
internal static class LoadBalancingDiscovery
{
    /// <summary>Adds the load balancers (all of the VPC, or the one named); returns the target group ARNs taken.</summary>
    public static async Task<IReadOnlyList<string>> DiscoverAsync(ImportContext ctx, Func<Elbv2LoadBalancer, bool> wanted, CancellationToken ct)
    {
        var elb = ctx.Clients.Elb;
        var balancers = (await elb.DescribeLoadBalancersAsync(ct).ConfigureAwait(false))
            .Where(b => b.Subnets.Count > 0 && b.Subnets.All(ctx.Names.ContainsKey) && wanted(b))
            .OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        var groups = (await elb.DescribeTargetGroupsAsync(ct).ConfigureAwait(false)).Where(g => g.VpcId == ctx.VpcId).ToDictionary(g => g.Arn, StringComparer.Ordinal);
        var certificates = new Dictionary<string, string>(StringComparer.Ordinal);
        var takenGroups = new List<string>();
        foreach (var lb in balancers)
        {
            var listeners = await elb.DescribeListenersAsync(lb.Arn, ct).ConfigureAwait(false);
            await AddBalancerAsync(ctx, lb, listeners, groups, certificates, takenGroups, ct).ConfigureAwait(false);
        }

        foreach (var orphan in groups.Values.Where(g => !takenGroups.Contains(g.Arn) && balancers.Count > 0 && ctx.Options.VpcId is not null))
        {
            ctx.Leave($"target group {orphan.Name}", orphan.Arn, "no imported listener forwards to it: the spec's target groups belong to a load balancer");
        }

        await DiscoverRecordsAsync(ctx, balancers, certificates, ct).ConfigureAwait(false);
        return takenGroups;
    }

    private static async Task AddBalancerAsync(ImportContext ctx, Elbv2LoadBalancer lb, IReadOnlyList<Elbv2Listener> listeners, Dictionary<string, Elbv2TargetGroup> groups, Dictionary<string, string> certificates, List<string> takenGroups, CancellationToken ct)
    {
        if (!lb.SecurityGroups.All(ctx.Names.ContainsKey))
        {
            ctx.Leave($"load balancer {lb.Name}", lb.Arn, "uses a security group that is not imported");
            return;
        }

        var name = ctx.NameFor("loadBalancers", ImportNames.Logical(ctx.Environment, lb.Name));
        ctx.Names[lb.Arn] = name;
        var requires = new List<string> { "network/main" };
        var targets = new List<AdoptionTarget> { new(GraphContext.LogicalId(LoadBalancerKind.Kind, name), lb.Arn) };
        var provides = new List<string>();
        var listenerFields = new List<object>();
        var groupFields = new List<object>();
        foreach (var listener in listeners.OrderBy(l => l.Port))
        {
            var fields = new List<ImportedField> { new("protocol", listener.Protocol), new("port", listener.Port) };
            if (listener.Protocol is not ("HTTP" or "HTTPS"))
            {
                ctx.Leave($"listener {lb.Name}:{listener.Port}", listener.Arn, $"protocol {listener.Protocol}: the spec's listeners are HTTP or HTTPS");
                continue;
            }

            // Rules beyond the default action (path or host routing...) have no field in the spec: the listener is left out
            // rather than adopted with a spec that would not say what it does.
            if ((await ctx.Clients.Elb.DescribeRulesAsync(listener.Arn, ct).ConfigureAwait(false)).Count > 0)
            {
                ctx.Leave($"listener {lb.Name}:{listener.Port}", listener.Arn, "has rules beyond its default action: the spec's listeners have only the default action");
                continue;
            }

            if (listener.CertificateArn is { } certArn)
            {
                var cert = certificates.TryGetValue(certArn, out var known) ? known : await AddCertificateAsync(ctx, certArn, certificates, ct).ConfigureAwait(false);
                if (cert is null)
                {
                    ctx.Leave($"listener {lb.Name}:{listener.Port}", listener.Arn, "its certificate is not imported (see above)");
                    continue;
                }

                fields.Add(new ImportedField("certificate", cert));
                requires.Add($"certificates/{cert}");
            }

            var action = listener.DefaultActions.Count == 1 ? listener.DefaultActions[0] : null;
            if (action is { Type: "forward", TargetGroupArn: { } tgArn } && groups.TryGetValue(tgArn, out var tg))
            {
                var tgName = ctx.Names.TryGetValue(tgArn, out var n) ? n : AddTargetGroup(ctx, tg, groupFields, provides, targets, takenGroups);
                if (tgName is null)
                {
                    ctx.Leave($"listener {lb.Name}:{listener.Port}", listener.Arn, "its target group is not imported (see above)");
                    continue;
                }

                fields.Add(new ImportedField("forward", tgName));
            }
            else if (action is { Type: "redirect", RedirectProtocol: "HTTPS" })
            {
                fields.Add(new ImportedField("redirect", "https"));
            }
            else
            {
                ctx.Leave($"listener {lb.Name}:{listener.Port}", listener.Arn, "a default action other than forward to one target group or redirect to HTTPS has no field in the spec");
                continue;
            }

            listenerFields.Add(fields);
            targets.Add(new AdoptionTarget(GraphContext.LogicalId(ListenerKind.Kind, $"{name}-{listener.Port}"), listener.Arn));
        }

        var lbFields = new List<ImportedField> { new("name", name) };
        if (ImportNames.AwsName(ctx.Environment, name, lb.Name) is { } awsName)
        {
            lbFields.Add(new ImportedField("awsName", awsName));
        }

        if (lb.Scheme != "internet-facing")
        {
            lbFields.Add(new ImportedField("scheme", lb.Scheme));
        }

        lbFields.Add(new ImportedField("subnets", lb.Subnets.Select(s => ctx.Names[s]).Order(StringComparer.Ordinal).Cast<object>().ToList()));
        var securityGroups = lb.SecurityGroups.Select(s => ctx.Names[s]).Order(StringComparer.Ordinal).ToList();
        if (securityGroups.Count > 0)
        {
            lbFields.Add(new ImportedField("securityGroups", securityGroups.Cast<object>().ToList()));
            requires.AddRange(securityGroups.Select(g => $"securityGroups/{g}"));
        }

        if (listenerFields.Count > 0)
        {
            lbFields.Add(new ImportedField("listeners", listenerFields));
        }

        if (groupFields.Count > 0)
        {
            lbFields.Add(new ImportedField("targetGroups", groupFields));
        }

        ctx.Add(new ImportedEntry("loadBalancers", name, lb.Arn, lbFields, requires, targets) { Provides = provides });
    }

    private static string? AddTargetGroup(ImportContext ctx, Elbv2TargetGroup tg, List<object> groupFields, List<string> provides, List<AdoptionTarget> targets, List<string> takenGroups)
    {
        if (tg.Protocol is not ("HTTP" or "HTTPS") || tg.TargetType is not ("instance" or "ip"))
        {
            ctx.Leave($"target group {tg.Name}", tg.Arn, $"{tg.Protocol} with {tg.TargetType} targets: the spec's target groups are HTTP(S) to instances or IPs");
            return null;
        }

        var name = ctx.NameFor("targetGroups", ImportNames.Logical(ctx.Environment, tg.Name));
        ctx.Names[tg.Arn] = name;
        takenGroups.Add(tg.Arn);
        provides.Add($"targetGroups/{name}");
        targets.Add(new AdoptionTarget(GraphContext.LogicalId(TargetGroupKind.Kind, name), tg.Arn));
        var fields = new List<ImportedField> { new("name", name) };
        if (ImportNames.AwsName(ctx.Environment, name, tg.Name) is { } awsName)
        {
            fields.Add(new ImportedField("awsName", awsName));
        }

        fields.Add(new ImportedField("protocol", tg.Protocol));
        fields.Add(new ImportedField("port", tg.Port));
        if (tg.TargetType != "instance")
        {
            fields.Add(new ImportedField("targetType", tg.TargetType));
        }

        // Only what differs from HealthCheckSpec.Default and the per-protocol timeout (HealthCheckSpec.TimeoutFor).
        var h = tg.HealthCheck;
        var d = HealthCheckSpec.Default;
        var check = new List<ImportedField>();
        if (h.Path != d.Path)
        {
            check.Add(new ImportedField("path", h.Path));
        }

        if (h.SuccessCodes != d.SuccessCodes)
        {
            check.Add(new ImportedField("successCodes", h.SuccessCodes));
        }

        if (h.IntervalSeconds != d.IntervalSeconds)
        {
            check.Add(new ImportedField("intervalSeconds", h.IntervalSeconds));
        }

        if (h.HealthyThreshold != d.HealthyThreshold)
        {
            check.Add(new ImportedField("healthyThreshold", h.HealthyThreshold));
        }

        if (h.UnhealthyThreshold != d.UnhealthyThreshold)
        {
            check.Add(new ImportedField("unhealthyThreshold", h.UnhealthyThreshold));
        }

        if (h.TimeoutSeconds is { } timeout && timeout != d.TimeoutFor(tg.Protocol))
        {
            check.Add(new ImportedField("timeoutSeconds", timeout));
        }

        if (check.Count > 0)
        {
            fields.Add(new ImportedField("healthCheck", check));
        }

        groupFields.Add(fields);
        return name;
    }

    private static async Task<string?> AddCertificateAsync(ImportContext ctx, string arn, Dictionary<string, string> certificates, CancellationToken ct)
    {
        var detail = (await ctx.Clients.Acm.DescribeCertificateAsync(new CertificateArnRequest(arn), ct).ConfigureAwait(false)).Certificate;
        var methods = (detail.DomainValidationOptions ?? []).Select(v => v.ValidationMethod).Distinct().ToList();
        if (methods.Any(m => m is not null && m != "DNS"))
        {
            ctx.Leave($"certificate {detail.DomainName}", arn, "validated by email or imported: the spec's certificates are DNS-validated ACM certificates");
            return null;
        }

        var name = ctx.NameFor("certificates", ImportNames.Logical(ctx.Environment, detail.DomainName.Split('.')[0].Replace("*", "wildcard", StringComparison.Ordinal)));
        certificates[arn] = name;
        var fields = new List<ImportedField> { new("name", name, "guessed: the first label of the domain"), new("domain", detail.DomainName) };
        var alternatives = (detail.SubjectAlternativeNames ?? []).Where(n => n != detail.DomainName).ToList();
        if (alternatives.Count > 0)
        {
            fields.Add(new ImportedField("alternativeNames", alternatives.Cast<object>().ToList()));
        }

        ctx.Add(new ImportedEntry("certificates", name, arn, fields, [], [new AdoptionTarget(GraphContext.LogicalId(CertificateKind.Kind, name), arn)]));
        return name;
    }

    /// <summary>
    /// Records of every hosted zone that alias an imported load balancer (A records; an ELB alias is often written with
    /// a <c>dualstack.</c> prefix, as the AWS CDK's route53-targets README notes, so both forms match) or that are the
    /// CNAMEs validating an imported certificate. The spec has one zone: records of a second zone are reported.
    /// </summary>
    private static async Task DiscoverRecordsAsync(ImportContext ctx, IReadOnlyList<Elbv2LoadBalancer> balancers, Dictionary<string, string> certificates, CancellationToken ct)
    {
        var byDns = balancers.Where(b => ctx.Names.ContainsKey(b.Arn)).ToDictionary(b => Normalize(b.DnsName), b => ctx.Names[b.Arn], StringComparer.OrdinalIgnoreCase);
        if (byDns.Count == 0)
        {
            return;
        }

        var validation = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var arn in certificates.Keys)
        {
            var detail = (await ctx.Clients.Acm.DescribeCertificateAsync(new CertificateArnRequest(arn), ct).ConfigureAwait(false)).Certificate;
            foreach (var record in (detail.DomainValidationOptions ?? []).Select(v => v.ResourceRecord).Where(r => r is not null))
            {
                validation.Add(Normalize(record!.Name));
            }
        }

        var route53 = ctx.Clients.Route53;
        foreach (var zone in (await route53.ListHostedZonesAsync(ct).ConfigureAwait(false)).Where(z => !z.PrivateZone).OrderBy(z => z.Name, StringComparer.Ordinal))
        {
            var sets = await route53.ListResourceRecordSetsAsync(new ListResourceRecordSetsRequest(zone.Id), ct).ConfigureAwait(false);
            foreach (var set in sets)
            {
                var recordName = Normalize(set.Name);
                if (set.Type == "CNAME" && validation.Contains(recordName))
                {
                    // The certificate kind writes and owns its validation records: nothing to add to the spec.
                    ctx.Leave($"record {recordName} CNAME", $"{zone.Id}/{recordName}/CNAME", "validates an imported certificate: kept by the certificate, not a spec entry");
                    continue;
                }

                if (set.Alias is not { } alias || !byDns.TryGetValue(Normalize(alias.DnsName), out var lb))
                {
                    continue;
                }

                var zoneName = Normalize(zone.Name);
                ctx.Zone ??= (zone.Id, zoneName);
                if (set.Type != "A")
                {
                    ctx.Leave($"record {recordName} {set.Type}", $"{zone.Id}/{recordName}/{set.Type}", "the spec's alias records are of type A");
                    continue;
                }

                if (ctx.Zone.Value.Id != zone.Id)
                {
                    ctx.Leave($"record {recordName}", $"{zone.Id}/{recordName}/A", $"in a second zone {zoneName}: the spec has one zone ({ctx.Zone.Value.Name})");
                    continue;
                }

                ctx.Add(new ImportedEntry("dns", recordName, $"{zone.Id}/{recordName}/A",
                    [new("name", recordName), new("target", new List<ImportedField> { new("loadBalancer", lb) })],
                    [$"loadBalancers/{lb}"],
                    [new AdoptionTarget(GraphContext.LogicalId(DnsRecordKind.Kind, recordName), $"{zone.Id}/{recordName}/A")]));
            }
        }
    }

    private static string Normalize(string dnsName)
    {
        var name = dnsName.TrimEnd('.').ToLowerInvariant();
        return name.StartsWith("dualstack.", StringComparison.Ordinal) ? name["dualstack.".Length..] : name;
    }
}
