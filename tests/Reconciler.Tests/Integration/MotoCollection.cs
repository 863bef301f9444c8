namespace Reconciler.Tests.Integration;

/// <summary>Every integration test class joins this collection and shares one moto_server.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
