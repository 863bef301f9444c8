namespace Reconciler.Model.Graph;

/// <summary>Property paths with wildcards: <c>containers.*.image</c> matches <c>containers.web.image</c>, one segment per <c>*</c>.</summary>
internal static class FieldPattern
{
    public static bool Matches(string pattern, string path)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, path, StringComparison.Ordinal);
        }

        var want = pattern.Split('.');
        var have = path.Split('.');
        return want.Length == have.Length && want.Zip(have).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.Ordinal));
    }
}
