using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Reconciler.Cli;

/// <summary>
/// Serilog to standard error: text for people on a terminal, compact JSON otherwise (CloudWatch-friendly), or as
/// <c>RECONCILER_LOG_FORMAT</c> (text|json) says. Standard output stays for plans and results.
/// </summary>
internal static class Logging
{
    /// <summary>The console's text layout: one line per event, then the exception (with its stack) when there is one.</summary>
    public const string TextTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";

    public static ILoggerFactory Create(bool verbose, ReconcilerSettings settings) =>
        new SerilogLoggerFactory(Configure(new LoggerConfiguration(), null, verbose, settings.LogFormat).CreateLogger(), dispose: true);

    /// <summary>
    /// Console sink on standard error; levels from the <c>Serilog:MinimumLevel</c> configuration (appsettings.json,
    /// environment <c>Serilog__MinimumLevel__Default</c>) when given; the format from <c>RECONCILER_LOG_FORMAT</c>
    /// (<see cref="ReconcilerSettings.LogFormat"/>; null: text on a terminal, JSON otherwise).
    /// </summary>
    public static LoggerConfiguration Configure(LoggerConfiguration config, Microsoft.Extensions.Configuration.IConfiguration? settings, bool verbose, string? format = null)
    {
        var json = format is null ? Console.IsErrorRedirected : format.Equals("json", StringComparison.OrdinalIgnoreCase);
        var level = verbose ? LogEventLevel.Debug : LogEventLevel.Information;
        if (!verbose && settings?["Serilog:MinimumLevel:Default"] is { } configured && Enum.TryParse<LogEventLevel>(configured, ignoreCase: true, out var parsed))
        {
            level = parsed;
        }

        config = config.MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        return json
            ? config.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Console(outputTemplate: TextTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
    }
}
