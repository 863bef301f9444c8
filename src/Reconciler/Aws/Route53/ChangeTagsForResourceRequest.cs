namespace Reconciler.Aws.Route53;

/// <summary>Tags added or changed on a hosted zone (the API takes at most ten per call; the client splits).</summary>
internal sealed record ChangeTagsForResourceRequest(string ZoneId, IReadOnlyDictionary<string, string> AddTags);
