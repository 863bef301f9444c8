using Amazon.EC2;
using Reconciler.Aws;
using Reconciler.Tests.Integration;

namespace Reconciler.Tests.Behaviours;

/// <summary>
/// The engine as <see cref="EngineHarness"/> wires it, but with every client (thin and SDK) sent through a fresh
/// <see cref="BehavioursProxy"/> in front of the shared moto_server; <see cref="Ec2"/> goes through the proxy too, while
/// <c>H.Ec2</c> still reaches moto directly (to check AWS without the layer's rules).
/// </summary>
internal sealed class LayeredHarness : IAsyncDisposable
{
    private LayeredHarness(BehavioursProxy proxy, EngineHarness harness)
    {
        Proxy = proxy;
        H = harness;
        Ec2 = new AmazonEC2Client(new AmazonEC2Config { ServiceURL = proxy.Endpoint, AuthenticationRegion = EngineHarness.Region, MaxErrorRetry = 0 });
    }

    public BehavioursProxy Proxy { get; }

    public EngineHarness H { get; }

    public AmazonEC2Client Ec2 { get; }

    /// <param name="time">The rules' clock: the real one by default; a fake one lets a test step over a rule's window without waiting.</param>
    public static async Task<LayeredHarness> StartAsync(MotoServer moto, IReadOnlyList<BehaviourRule>? rules = null, RetryOptions? retries = null, TimeProvider? time = null)
    {
        var proxy = await BehavioursProxy.StartAsync(moto.Endpoint, rules, time);
        return new LayeredHarness(proxy, new EngineHarness(retries, proxy.Redirect));
    }

    public async ValueTask DisposeAsync()
    {
        Ec2.Dispose();
        H.Dispose();
        await Proxy.DisposeAsync();
    }
}
