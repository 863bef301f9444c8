namespace Reconciler.Model.Kinds;

/// <summary>Either a repository of this environment and a tag, or a full image reference.</summary>
internal sealed record ImageSpec(string? Repository, string Tag, string? Reference);
