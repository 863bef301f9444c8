using Reconciler.Model.Loading;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Kinds;

/// <summary>
/// A task definition's <c>executionRole</c>: the name or ARN of a role shared by the account's environments
/// (<c>executionRole: ecsTaskExecutionRole</c>), or the environment's own role (<c>executionRole: { own: true }</c>).
/// The own form is a mapping, not a keyword, so that no role name (<c>own</c> is a valid one) changes meaning.
/// </summary>
internal static class ExecutionRoleField
{
    public const string Key = "executionRole";
    public const string Own = "own";

    /// <summary>The shared role's name or ARN, or whether the environment's own role is asked for.</summary>
    public static (string? Shared, bool Own) Bind(MappingReader r)
    {
        switch (r.Node(Key))
        {
            case null:
                return (null, false);
            case YScalar scalar:
                return (scalar.Value, false);
            case YMapping mapping:
                return (null, BindOwn(mapping, r.Child(Key), r.Context));
            case var other:
                r.Context.Error(other.Mark, r.Child(Key), $"expected a role name or ARN, or {{ own: true }}, found {other.Describe}");
                return (null, false);
        }
    }

    /// <summary>The mapping form: <c>own</c> is required and must be true; any other key is unknown.</summary>
    private static bool BindOwn(YMapping mapping, string path, BindContext ctx)
    {
        var r = MappingReader.Open(mapping, path, ctx)!;
        var own = r.Bool(Own, required: true);
        if (own == false)
        {
            r.Error(Own, "own: false asks for nothing: give the name of a shared role instead (executionRole: ecsTaskExecutionRole), or own: true");
        }

        r.Finish();
        return own == true;
    }
}
