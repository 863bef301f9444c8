namespace Reconciler.Model.Spec;

internal sealed record PortMappingSpec(int HostPort, int ContainerPort, string Protocol);
