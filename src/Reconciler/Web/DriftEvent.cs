using Reconciler.Controller;

namespace Reconciler.Web;

/// <summary>One drifted field seen by a pass, when.</summary>
internal sealed record DriftEvent(DateTimeOffset At, DriftRecord Record);
