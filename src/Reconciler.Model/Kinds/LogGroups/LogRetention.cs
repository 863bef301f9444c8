using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// How long a log group keeps its events: a number of days, or forever (<see cref="Days"/> null, shown
/// <see cref="Never"/>). "Forever" is a value, not an absent field, so that removing retentionDays from the spec
/// removes the policy. The provider builds it from RetentionInDays, which DescribeLogGroups leaves out when there is
/// no retention policy (CloudWatch Logs API reference, LogGroup).
/// </summary>
internal sealed record LogRetention(int? Days) : GraphItem
{
    public const string Never = "never";

    public static LogRetention Forever { get; } = new((int?)null);

    public override string Display => Days?.ToString(CultureInfo.InvariantCulture) ?? Never;

    public override GraphItem Resolve(Func<string, string?> resolve) => this;

    public override IEnumerable<string> ReferencedIds() => [];
}
