using System.CommandLine;
using Microsoft.Extensions.Logging;
using Reconciler.Engine;

namespace Reconciler.Cli;

/// <summary>
/// What the verbs share: where they write, the clock, the options several of them take, and the <c>RECONCILER_*</c>
/// settings (read once, on first use; <c>run</c> binds them through its host's configuration instead).
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter errors, TimeProvider time)
{
    private readonly Lazy<ReconcilerSettings> _settings = new(ReconcilerSettings.FromEnvironment);

    public TextWriter Output => output;

    public TextWriter Errors => errors;

    public TimeProvider Time => time;

    public ReconcilerSettings Settings => _settings.Value;

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Debug logging", Recursive = true };

    public Argument<string[]> Paths { get; } = new("paths") { Description = "Spec files, or folders of *.yaml", Arity = ArgumentArity.OneOrMore };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Treat warnings (risky settings) as errors" };

    /// <summary>The spec files and the shared flags of a verb's command line.</summary>
    public SpecOptions Read(ParseResult result, bool strict = true) =>
        new(result.GetValue(Paths) ?? [], strict && result.GetValue(Strict), result.GetValue(Verbose));

    /// <summary>
    /// Loads the specs (nothing runs when any is invalid), builds the AWS layer and runs <paramref name="body"/>; AWS and
    /// configuration errors become one line and exit 1, a cancellation exit 130.
    /// </summary>
    public Task<int> WithEngineAsync(SpecOptions options, Func<ReconcileEngine, IReadOnlyList<LoadedEnvironment>, Task<int>> body, CancellationToken ct) =>
        WithEngineAsync(options, (engine, envs, _) => body(engine, envs), ct);

    /// <summary>
    /// For tests and the bench: called with the AWS layer a verb built, before the verb runs (its
    /// <see cref="AwsComposition.Metrics"/> count the verb's AWS calls). Null, the default, changes nothing.
    /// </summary>
    public Action<AwsComposition>? Composed { get; init; }

    /// <summary>As above, with the plans of the environments observed together per region (<see cref="FleetPlans"/>).</summary>
    public async Task<int> WithEngineAsync(SpecOptions options, Func<ReconcileEngine, IReadOnlyList<LoadedEnvironment>, FleetPlans, Task<int>> body, CancellationToken ct)
    {
        var envs = SpecSet.Load(options.Paths, errors, options.Strict);
        if (envs is null)
        {
            return 1;
        }

        using var loggers = Logging.Create(options.Verbose, Settings);
        using var aws = new AwsComposition(loggers, time, settings: Settings);
        try
        {
            Composed?.Invoke(aws);
            var plans = new FleetPlans(aws.Engine, envs, time, loggers.CreateLogger<FleetPlans>());
            return await body(aws.Engine, envs, plans).ConfigureAwait(false);
        }
        catch (Aws.Accounts.AccountMismatchException ex)
        {
            // The account guard: nothing was changed; both ids, nothing secret.
            errors.WriteLine($"error: {ex.Message}; nothing was changed");
            return 1;
        }
        catch (Aws.AwsCallException ex)
        {
            errors.WriteLine($"error: {Aws.Remedies.Describe(ex)}");
            return 1;
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            errors.WriteLine($"error: AWS configuration: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            errors.WriteLine("cancelled");
            return 130;
        }
    }
}
