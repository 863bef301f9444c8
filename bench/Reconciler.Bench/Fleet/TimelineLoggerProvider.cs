using Microsoft.Extensions.Logging;

namespace Reconciler.Bench.Fleet;

/// <summary>The logger provider of <see cref="TimelineLogger"/>: the fleet bench's engine logs into its timeline.</summary>
internal sealed class TimelineLoggerProvider(Timeline timeline) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TimelineLogger(categoryName, timeline);

    public void Dispose()
    {
    }
}
