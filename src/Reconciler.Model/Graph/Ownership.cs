namespace Reconciler.Model.Graph;

/// <summary>The tags that make a resource ours. No state file: AWS plus these tags is the state.</summary>
internal static class Ownership
{
    public const string EnvironmentTag = "reconciler:environment";
    public const string LogicalIdTag = "reconciler:logical-id";
    public const string NameTag = "Name";

    /// <summary>The Name tag a resource of <paramref name="environment"/> named <paramref name="name"/> (logical, may hold '/') gets.</summary>
    public static string NameTagValue(string environment, string name) => Spec.PhysicalNames.For(environment, name.Replace('/', '-'));
}
