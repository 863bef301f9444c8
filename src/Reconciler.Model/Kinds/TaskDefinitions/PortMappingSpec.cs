namespace Reconciler.Model.Kinds;

internal sealed record PortMappingSpec(int HostPort, int ContainerPort, string Protocol);
