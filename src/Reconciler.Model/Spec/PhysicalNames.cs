namespace Reconciler.Model.Spec;

/// <summary>
/// Names that AWS requires to be unique per account and region get the environment's name in front, so that
/// staging and production can live side by side: <c>demo</c> and <c>app</c> give <c>demo-app</c>.
/// Log group names, IAM role names and DNS names are used as written.
/// </summary>
internal static class PhysicalNames
{
    public static string For(string environment, string name) => $"{environment}-{name}";
}
