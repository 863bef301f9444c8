using System.Collections.Immutable;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Model.Tests.Kinds;

/// <summary>Fields as RedirectActionConfig and Action name them (ELBv2 API reference): protocol, port as a string, HTTP_301.</summary>
public sealed class ListenerActionTests
{
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/demo-app/abc";

    [Fact]
    public void Display_Should_ShowTheTextPlansHaveAlwaysShown_When_ForwardOrRedirect()
    {
        Assert.Equal("forward:" + TargetGroupArn, ListenerAction.Forward(TargetGroupArn).Display);
        Assert.Equal("redirect:HTTPS:443:HTTP_301", ListenerAction.RedirectToHttps.Display);
        Assert.Equal("fixed-response", new ListenerAction("fixed-response").Display);
    }

    [Fact]
    public void Resolve_Should_ReplaceTheTargetGroupReference_When_TheTargetGroupExists()
    {
        var value = FieldValue.Of(ListenerAction.Forward(References.To("target-group/app")));

        Assert.Equal(["target-group/app"], value.ReferencedIds());
        var resolved = (ItemValue)value.Resolve(id => id == "target-group/app" ? TargetGroupArn : null);
        Assert.Equal(ListenerAction.Forward(TargetGroupArn), resolved.Item);
        Assert.True(((ItemValue)value.Resolve(_ => null)).Item.IsUnresolved);
    }

    [Fact]
    public void Diff_Should_ReportTheActionInPlace_When_AForwardWasChangedToARedirectByHand()
    {
        var desired = Desired(FieldValue.Of(ListenerAction.Forward(References.To("target-group/app"))));
        var observed = Observed(FieldValue.Of(ListenerAction.RedirectToHttps));

        var change = Assert.Single(Planner.Diff(desired, observed, id => id == "target-group/app" ? TargetGroupArn : null));

        Assert.Equal(("action", "forward:" + TargetGroupArn, "redirect:HTTPS:443:HTTP_301"), (change.Path, change.Desired, change.Actual));
        Assert.False(change.ForcesReplacement);
        Assert.Empty(Planner.Diff(desired, Observed(FieldValue.Of(ListenerAction.Forward(TargetGroupArn))), id => id == "target-group/app" ? TargetGroupArn : null));
    }

    private static DesiredResource Desired(FieldValue action) => new(ListenerKind.Kind, "app-80",
        ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal).Add(ListenerKind.Action, action),
        ImmutableSortedSet<string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

    private static ObservedResource Observed(FieldValue action) => new(ListenerKind.Kind, "listener/app-80", "env", "arn:listener",
        ImmutableSortedDictionary<string, FieldValue>.Empty.WithComparers(StringComparer.Ordinal).Add(ListenerKind.Action, action),
        ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);
}
