using System.Collections.Concurrent;
using System.Globalization;
using Reconciler.Cli;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Reconciler.Tests.Aws;

/// <summary>Keeps each Serilog event with its text exactly as the CLI's console writes it (message, then any exception with its stack).</summary>
internal sealed class RenderedLogSink : ILogEventSink
{
    private readonly MessageTemplateTextFormatter _formatter = new(Logging.TextTemplate, CultureInfo.InvariantCulture);

    public ConcurrentQueue<(LogEvent Event, string Text)> Events { get; } = new();

    public string Text => string.Concat(Events.Select(e => e.Text));

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        _formatter.Format(logEvent, text);
        Events.Enqueue((logEvent, text.ToString()));
    }
}
