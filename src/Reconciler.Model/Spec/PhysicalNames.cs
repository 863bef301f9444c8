namespace Reconciler.Model.Spec;

/// <summary>
/// Names that AWS requires to be unique per account and region get the environment's name in front, so that
/// staging and production can live side by side: <c>demo</c> and <c>app</c> give <c>demo-app</c>.
/// Log group names, IAM role names and DNS names are used as written.
/// </summary>
internal static class PhysicalNames
{
    // Shared (issue 14, fourth round): the expansions ask for one name several times (the Name tag, the physical name,
    // a name another resource refers to), and the graph kept each answer as a string of its own.
    public static string For(string environment, string name) => Text.SharedStrings.Share($"{environment}-{name}");
}
