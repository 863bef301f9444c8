namespace Reconciler.Web;

/// <summary>How a state is written and coloured (outline, fill); the word is always shown too, never the colour alone.</summary>
internal static class NodeStyle
{
    public static string Label(NodeState state) => state switch
    {
        NodeState.InSync => "in sync",
        NodeState.Drifted => "drifted",
        NodeState.Changing => "changing",
        NodeState.Waiting => "waiting",
        NodeState.Failed => "failed",
        NodeState.Blocked => "blocked",
        NodeState.Orphaned => "orphaned",
        _ => "unmanaged",
    };

    /// <summary>The CSS class of the state: its label without spaces.</summary>
    public static string Css(NodeState state) => "state-" + Label(state).Replace(' ', '-');

    public static (string Stroke, string Fill) Colours(NodeState state) => state switch
    {
        NodeState.InSync => ("#2e7d32", "#e8f5e9"),
        NodeState.Drifted => ("#e65100", "#fff3e0"),
        NodeState.Changing => ("#1565c0", "#e3f2fd"),
        NodeState.Waiting => ("#b28704", "#fffde7"),
        NodeState.Failed => ("#c62828", "#ffebee"),
        NodeState.Blocked => ("#6a1b9a", "#f3e5f5"),
        NodeState.Orphaned => ("#616161", "#eeeeee"),
        _ => ("#9e9e9e", "#fafafa"),
    };
}
