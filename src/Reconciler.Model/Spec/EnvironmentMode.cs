namespace Reconciler.Model.Spec;

/// <summary>What a pass does with drift: repair it, only report it, or skip the environment.</summary>
internal enum EnvironmentMode
{
    Enforce,
    Detect,
    Suspend,
}
