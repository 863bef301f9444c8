using Reconciler.Model.Graph;

namespace Reconciler.Model.Planning;

/// <summary>
/// The pure heart of the engine: (desired graph, observed state) to plan. No AWS, no clock, no I/O, so it is tested
/// without AWS, and applying its plan then observing again must give an empty plan.
/// </summary>
internal static class Planner
{
    public static Plan Plan(ResourceGraph graph, ObservedState observed, PlanOptions options)
    {
        // The environment's live resources by logical id, each id's in the order observed (several: a conflict).
        // Plain loops and one dictionary (issue 14): a plan of every environment runs on every resync.
        var mine = new List<ObservedResource>();
        var byLogicalId = new Dictionary<string, List<ObservedResource>>(StringComparer.Ordinal);
        foreach (var resource in observed.Resources)
        {
            if (resource.Environment != graph.Environment)
            {
                continue;
            }

            mine.Add(resource);
            if (byLogicalId.TryGetValue(resource.LogicalId, out var claims))
            {
                claims.Add(resource);
            }
            else
            {
                byLogicalId.Add(resource.LogicalId, [resource]);
            }
        }

        IReadOnlyList<ObservedResource> Live(string logicalId) => byLogicalId.TryGetValue(logicalId, out var live) ? live : [];

        var steps = new List<PlanStep>(graph.Resources.Count);
        var pending = new HashSet<string>(StringComparer.Ordinal); // will be (re)created: its id is not known yet

        string? Resolve(string key)
        {
            var hash = key.IndexOf('#', StringComparison.Ordinal);
            var id = hash < 0 ? key : key[..hash];
            if (pending.Contains(id) || !byLogicalId.TryGetValue(id, out var live) || live.Count != 1)
            {
                return null;
            }

            return hash < 0 ? live[0].AwsId : live[0].Attributes.GetValueOrDefault(key[(hash + 1)..]);
        }

        if (!options.Destroy)
        {
            var unsupported = new HashSet<string>(StringComparer.Ordinal);
            var stuck = new HashSet<string>(StringComparer.Ordinal);
            foreach (var desired in graph.Resources)
            {
                PlanStep step;
                if (unsupported.Count > 0 && desired.DependsOn.FirstOrDefault(unsupported.Contains) is { } notManaged)
                {
                    step = new PlanStep(PlanAction.Unsupported, desired.Kind, desired.LogicalId, desired, null, [], $"depends on {notManaged}, which this build does not manage yet");
                }
                else if (stuck.Count > 0 && desired.DependsOn.FirstOrDefault(stuck.Contains) is { } blocker)
                {
                    // Never replace a healthy resource because what it refers to is in conflict: leave it until that is resolved.
                    var live = Live(desired.LogicalId);
                    step = new PlanStep(PlanAction.BlockedByDependency, desired.Kind, desired.LogicalId, desired, live.Count == 1 ? live[0] : null, [], $"blocked by {blocker}, which needs a human first");
                }
                else
                {
                    step = PlanOne(desired, Live(desired.LogicalId), observed, Resolve, options);
                }

                if (step.Action is PlanAction.Unsupported)
                {
                    unsupported.Add(desired.LogicalId);
                }

                if (step.Action is PlanAction.Conflict or PlanAction.Blocked or PlanAction.BlockedByDependency)
                {
                    stuck.Add(desired.LogicalId);
                }

                if (step.Action is PlanAction.Create or PlanAction.Replace or PlanAction.Unsupported)
                {
                    pending.Add(desired.LogicalId);
                }

                steps.Add(step);
            }
        }

        if (mine.Count == 0)
        {
            return new Plan(graph.Environment, steps);
        }

        var wanted = options.Destroy
            ? new HashSet<string>(StringComparer.Ordinal)
            : graph.Resources.Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal);
        // Shared kinds (IAM roles used by name) are looked up for the specs that name them: one that no spec names
        // is none of this environment's business, so it is neither deleted nor reported.
        // A shared resource is deleted only by destroy, and only when its spec entry opts in (allowZoneDeletion).
        var leftovers = mine.Where(r => !wanted.Contains(r.LogicalId) && (!r.Kind.Shared || (options.Destroy && graph.Find(r.LogicalId)?.AllowReplacement == true)))
            .OrderByDescending(r => r.Kind.Rank)
            .ThenBy(r => r.LogicalId, StringComparer.Ordinal);
        var deletions = leftovers.Select(live => PlanLeftover(live, options)).ToList();
        steps.AddRange(options.Destroy ? KeepWhatRetainedResourcesNeed(graph, deletions) : deletions);

        return new Plan(graph.Environment, steps);
    }

    private static PlanStep PlanOne(DesiredResource desired, IReadOnlyList<ObservedResource> live, ObservedState observed, Func<string, string?> resolve, PlanOptions options)
    {
        if (!observed.Kinds.Contains(desired.Kind))
        {
            return new PlanStep(PlanAction.Unsupported, desired.Kind, desired.LogicalId, desired, null, [], $"kind {desired.Kind} is not managed by this build yet");
        }

        if (live.Count > 1)
        {
            var ids = string.Join(", ", live.Select(l => l.AwsId));
            return new PlanStep(PlanAction.Conflict, desired.Kind, desired.LogicalId, desired, live[0], [],
                $"{live.Count} resources claim this logical id ({ids}); remove the extra one's ownership tags or delete it by hand");
        }

        if (live.Count == 0)
        {
            return new PlanStep(PlanAction.Create, desired.Kind, desired.LogicalId, desired, null, [], "not found");
        }

        var actual = live[0];
        var changes = Diff(desired, actual, resolve);
        if (changes.Count == 0)
        {
            return new PlanStep(PlanAction.NoOp, desired.Kind, desired.LogicalId, desired, actual, [], "in sync");
        }

        var forcing = changes.Where(c => c.ForcesReplacement).Select(c => c.Path).ToList();
        if (forcing.Count == 0 && options.SelfHosted && desired.Kind == ResourceKinds.Instance && changes.Any(c => c.Path == InstanceKind.InstanceType))
        {
            // Resizing stops the instance: on the environment the controller runs on, that may be the controller's own host.
            return new PlanStep(PlanAction.Blocked, desired.Kind, desired.LogicalId, desired, actual, changes,
                "instanceType changes by stopping the instance, and the controller runs on this environment: resize it by hand");
        }

        if (forcing.Count == 0)
        {
            return new PlanStep(PlanAction.Update, desired.Kind, desired.LogicalId, desired, actual, changes, "fields differ: " + string.Join(", ", changes.Select(c => c.Path)));
        }

        if (options.SelfHosted)
        {
            return new PlanStep(PlanAction.Blocked, desired.Kind, desired.LogicalId, desired, actual, changes,
                $"{string.Join(", ", forcing)} cannot change in place, and the controller runs on this environment: it never replaces its own resources; replace it by hand");
        }

        if (desired.Kind.Stateful && !desired.AllowReplacement)
        {
            return new PlanStep(PlanAction.Blocked, desired.Kind, desired.LogicalId, desired, actual, changes,
                $"{string.Join(", ", forcing)} cannot change in place, and replacing a {desired.Kind} loses its data: opt in on the resource to allow it");
        }

        return new PlanStep(PlanAction.Replace, desired.Kind, desired.LogicalId, desired, actual, changes, $"{string.Join(", ", forcing)} cannot change in place");
    }

    private static PlanStep PlanLeftover(ObservedResource live, PlanOptions options)
    {
        if (!options.Prune && !options.Destroy)
        {
            return new PlanStep(PlanAction.Orphan, live.Kind, live.LogicalId, null, live, [], "no longer in the spec; the environment does not prune, so it is left in place");
        }

        if (live.Attributes.GetValueOrDefault(ObservedResource.KeptAttribute) is { Length: > 0 } kept)
        {
            // The policy keeps it (a shared zone others still use): not a failure and no data at risk, just reported.
            return new PlanStep(PlanAction.Orphan, live.Kind, live.LogicalId, null, live, [], "kept: " + kept);
        }

        if (options.SelfHosted)
        {
            return new PlanStep(PlanAction.Blocked, live.Kind, live.LogicalId, null, live, [],
                $"{(options.Destroy ? "destroy" : "no longer in the spec")}, but the controller runs on this environment: it never deletes its own resources; delete it by hand");
        }

        if (live.Kind.Stateful && !options.Destroy)
        {
            return new PlanStep(PlanAction.Blocked, live.Kind, live.LogicalId, null, live, [], $"no longer in the spec, but a {live.Kind} holds data: pruning never deletes it; use destroy or delete it by hand");
        }

        if (live.Get("deletionProtection") == "true")
        {
            return new PlanStep(PlanAction.Blocked, live.Kind, live.LogicalId, null, live, [],
                "deletion protection is on: set deletionProtection: false in the spec and apply before destroying it");
        }

        return new PlanStep(PlanAction.Delete, live.Kind, live.LogicalId, null, live, [], options.Destroy ? "destroy" : "no longer in the spec");
    }

    /// <summary>
    /// On destroy, a resource that is kept (deletion protection, no opt-in) keeps what it depends on: deleting its
    /// subnets or subnet group would only fail against it.
    /// </summary>
    private static IEnumerable<PlanStep> KeepWhatRetainedResourcesNeed(ResourceGraph graph, List<PlanStep> deletions)
    {
        var needed = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<(string Id, string Because)>(deletions.Where(d => d.Action == PlanAction.Blocked).Select(d => (d.LogicalId, d.LogicalId)));
        while (queue.TryDequeue(out var item))
        {
            // What it depends on, and what its fields name (a retained security group's rule naming another group
            // keeps that group: AWS refuses to delete a group another group's rule refers to).
            var node = graph.Find(item.Id);
            foreach (var dependency in (node?.DependsOn ?? []).Concat(node?.Properties.Values.SelectMany(v => v.ReferencedIds()) ?? []).Distinct())
            {
                if (needed.TryAdd(dependency, item.Because))
                {
                    queue.Enqueue((dependency, item.Because));
                }
            }
        }

        return deletions.Select(d => d.Action == PlanAction.Delete && needed.TryGetValue(d.LogicalId, out var because)
            ? d with { Action = PlanAction.Orphan, Reason = $"kept: {because} is retained and needs it" }
            : d);
    }

    /// <summary>
    /// Field-level differences over the fields the spec controls; tags compare only the keys the spec sets. Fields the
    /// resource ignores (owned elsewhere: an autoscaler, CI) are not compared at all, so they are never drift.
    /// </summary>
    public static IReadOnlyList<FieldChange> Diff(DesiredResource desired, ObservedResource actual, Func<string, string?> resolve)
    {
        var changes = new List<FieldChange>();
        foreach (var (field, value) in desired.Properties)
        {
            if (desired.Ignores(field))
            {
                continue;
            }

            var want = value.Resolve(resolve);
            actual.Properties.TryGetValue(field, out var have);
            if (Equals(want, have))
            {
                continue;
            }

            var forces = desired.Kind.ReplaceOn.Contains(field);
            if (want is SetValue wantSet)
            {
                var haveItems = have is SetValue haveSet ? haveSet.Items : [];
                changes.Add(new FieldChange(field, want.Display, have?.Display, forces, [.. wantSet.Items.Except(haveItems)], [.. haveItems.Except(wantSet.Items)]));
            }
            else if (want is ItemSetValue wantItems)
            {
                var haveItems = have is ItemSetValue haveSet ? haveSet.Items : [];
                changes.Add(new FieldChange(field, want.Display, have?.Display, forces,
                    [.. wantItems.Items.Except(haveItems).Select(i => i.Display)], [.. haveItems.Except(wantItems.Items).Select(i => i.Display)]));
            }
            else
            {
                changes.Add(new FieldChange(field, want.Display, have?.Display, forces));
            }
        }

        foreach (var (key, value) in desired.Tags)
        {
            var have = actual.Tags.GetValueOrDefault(key);
            // The Name tag is only the console's label: a resource without one gets ours, one that has a name keeps it
            // (a resource adopted by `import`, or renamed by a person in the console, is not drift worth a call).
            if (key == Ownership.NameTag && !string.IsNullOrEmpty(have))
            {
                continue;
            }

            if (have != value)
            {
                changes.Add(new FieldChange("tags." + key, value, have, false));
            }
        }

        return changes;
    }

    /// <summary>
    /// The resolved desired properties, for the providers: references replaced by live ids. For an existing resource
    /// (<paramref name="actual"/>), an ignored field takes its live value, so that an update of another field (a new
    /// task definition revision for a changed environment variable) keeps what the owner of that field set (CI's image).
    /// </summary>
    public static SortedMap<FieldValue> ResolveAll(DesiredResource desired, Func<string, string?> resolve, ObservedResource? actual = null) =>
        // The same map when no value holds a reference, else a new values array beside the same keys array.
        desired.Properties.SelectValues((key, value) =>
            actual is not null && desired.Ignores(key) && actual.Properties.TryGetValue(key, out var live) ? live : value.Resolve(resolve));
}
