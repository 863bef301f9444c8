using BenchmarkDotNet.Attributes;
using Reconciler.Model.Graph;
using Reconciler.Model.Planning;

namespace Reconciler.Bench.Pure;

/// <summary>
/// The pure part of a resync of 1,000 environments of the sample's size: load (parse, bind, validate) and build the
/// graph of each spec; plan each against nothing observed (a fresh fleet) and against a steady state (nothing to do).
/// Public and unsealed because BenchmarkDotNet requires it of a benchmark class.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    public const int Environments = 1000;

    private static readonly PlanOptions Options = new(Prune: true);

    private IReadOnlyList<string> _texts = [];
    private List<ResourceGraph> _graphs = [];
    private List<ObservedState> _steady = [];
    private ObservedState _shared = ObservedState.Empty([]);
    private ObservedState _empty = ObservedState.Empty(ResourceKinds.All);

    [GlobalSetup]
    public void Setup()
    {
        _texts = SampleSpecs.Many("pure", Environments);
        _graphs = [.. _texts.Select(t => SampleSpecs.Load(t).Graph)];
        _steady = [.. _graphs.Select(SteadyState.Of)];
        _shared = SteadyState.Of(_graphs);
        _empty = ObservedState.Empty(ResourceKinds.All);
        PureChecks.RequireEmptyPlans(_graphs, _steady);
    }

    /// <summary>Parse, bind, validate and build the graph of 1,000 spec texts.</summary>
    [Benchmark]
    public int LoadValidateGraph() => _texts.Sum(t => SampleSpecs.Load(t).Graph.Resources.Count);

    /// <summary>Plan 1,000 environments against an empty observation: every resource a create.</summary>
    [Benchmark]
    public int PlanFromEmpty() => _graphs.Sum(g => Planner.Plan(g, _empty, Options).Steps.Count);

    /// <summary>Plan 1,000 environments, each against its own steady observation: every step a no-op.</summary>
    [Benchmark]
    public int PlanSteady()
    {
        var steps = 0;
        for (var i = 0; i < _graphs.Count; i++)
        {
            steps += Planner.Plan(_graphs[i], _steady[i], Options).Steps.Count;
        }

        return steps;
    }

    /// <summary>
    /// Plan 1,000 environments against one shared observation holding all of them (what a shared resync hands the
    /// planner when it does not split the observation per environment first).
    /// </summary>
    [Benchmark]
    public int PlanSteadyShared() => _graphs.Sum(g => Planner.Plan(g, _shared, Options).Steps.Count);
}
