using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Reconciler.Tests.Security;

/// <summary>A Serilog sink keeping each event as rendered, with its properties and its whole exception (inner ones too).</summary>
internal sealed class SerilogCapture : ILogEventSink
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public string Text => string.Join("\n", Lines);

    public void Emit(LogEvent logEvent) =>
        Lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)} " +
                      string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}")) +
                      (logEvent.Exception is null ? string.Empty : "\n" + logEvent.Exception));
}
