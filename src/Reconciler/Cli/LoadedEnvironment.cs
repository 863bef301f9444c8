using Reconciler.Model.Graph;
using Reconciler.Model.Spec;

namespace Reconciler.Cli;

/// <summary>A valid spec and its graph, ready for the engine.</summary>
internal sealed record LoadedEnvironment(string File, EnvironmentDocument Document, ResourceGraph Graph);
