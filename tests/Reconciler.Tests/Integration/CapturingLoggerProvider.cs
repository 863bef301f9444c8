using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace Reconciler.Tests.Integration;

/// <summary>Keeps every formatted log line, so tests can show them on failure and search them.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The same events with their exception and named properties, for tests of how something is logged.</summary>
    public ConcurrentQueue<CapturedLogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private static readonly AsyncLocal<ImmutableStack<object>?> Scopes = new();

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            // Scope properties join each event's, as Serilog's provider adds them (ReconcileId, Environment, LogicalId).
            var outer = Scopes.Value;
            Scopes.Value = (outer ?? ImmutableStack<object>.Empty).Push(state);
            return new ScopeEnd(outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            owner.Lines.Enqueue($"{logLevel} {category}: {text}{(exception is null ? string.Empty : " " + exception.Message)}");
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in state as IEnumerable<KeyValuePair<string, object?>> ?? [])
            {
                properties.TryAdd(key, value);
            }

            foreach (var scope in Scopes.Value ?? ImmutableStack<object>.Empty)
            {
                foreach (var (key, value) in scope as IEnumerable<KeyValuePair<string, object?>> ?? [])
                {
                    properties.TryAdd(key, value);
                }
            }

            owner.Entries.Enqueue(new CapturedLogEntry(logLevel, eventId, text, exception, properties));
        }
    }

    private sealed class ScopeEnd(ImmutableStack<object>? outer) : IDisposable
    {
        public void Dispose() => Scopes.Value = outer;
    }
}
