using System.Globalization;
using Reconciler.Model.Graph;

namespace Reconciler.Model.Kinds;

/// <summary>
/// One of an ecs-service's beforeDeploy tasks as the graph hands it to the provider: an instruction of the desired
/// resource (<see cref="DesiredResource.Instructions"/>, in the spec's order), never observed nor diffed.
/// </summary>
internal sealed record BeforeDeployTask(string Container, ContainerCommand Command, int TimeoutSeconds) : GraphItem
{
    public override string Display => string.Create(CultureInfo.InvariantCulture, $"{Container}: {Command.Text} (within {TimeoutSeconds} s)");

    public override GraphItem Resolve(Func<string, string?> resolve) => this;

    public override IEnumerable<string> ReferencedIds() => [];

    public static BeforeDeployTask From(BeforeDeploySpec spec) => new(spec.Container, new ContainerCommand(spec.Command), spec.TimeoutSeconds);
}
