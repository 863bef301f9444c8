using System.Text.Json;
using Reconciler.Cli;
using Reconciler.Controller;

namespace Reconciler.Tests.Cli;

public sealed class StatusPrinterTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Table_Should_ShowTheTimeLeft_When_AnEnvironmentIsAPendingTombstone()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var statuses = new StatusStore(clock);
        var since = clock.GetUtcNow();
        statuses.Set(new EnvironmentStatus("gee", "/specs/gee.yaml", "enforce", "tombstoned", since, 0, 0, 0, 0, ["spec gone"], [])
        {
            TombstonedSince = since,
            PruneAt = since.AddMinutes(10),
        });
        statuses.Set(new EnvironmentStatus("kept", "/specs/kept.yaml", "enforce", "in sync", since, 0, 0, 0, 0, [], []));
        clock.Advance(TimeSpan.FromSeconds(150));

        var json = JsonSerializer.Serialize(statuses.All, Json);
        var table = StatusPrinter.Table(json);

        Assert.Contains("\"pruneInSeconds\":450", json, StringComparison.Ordinal); // counted down when read, not when recorded
        var line = Assert.Single(table.Split('\n'), l => l.StartsWith("gee ", StringComparison.Ordinal));
        Assert.Contains("tombstoned", line, StringComparison.Ordinal);
        Assert.Contains("tombstone: prune in 00:07:30", line, StringComparison.Ordinal);
        Assert.DoesNotContain("pruneInSeconds", JsonSerializer.Serialize(statuses.Find("kept"), Json), StringComparison.Ordinal);
    }
}
