namespace Reconciler.Model.Text;

/// <summary>
/// Equal strings read or built for many environments share one instance (see <see cref="SharedInstances{T}"/>): the
/// YAML reader's scalars and the graph's references go through here.
/// </summary>
internal static class SharedStrings
{
    private static readonly SharedInstances<string> Cache = new(s => s);

    public static string Share(string value) => value.Length == 0 ? string.Empty : Cache.Share(value, static s => s);
}
