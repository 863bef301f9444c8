using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Reconciler.Bench.Fleet;

/// <summary>Writes the engine's log lines (Debug and up) into a <see cref="Timeline"/> while it is active.</summary>
internal sealed class TimelineLogger(string category, Timeline timeline) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => timeline.Active && logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            timeline.Add(Stopwatch.GetTimestamp(), $"log {category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}");
        }
    }
}
