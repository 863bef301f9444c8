using System.CommandLine;
using System.Text;
using Reconciler.Controller;
using Reconciler.Engine;
using Reconciler.Model.Editing;

namespace Reconciler.Cli;

/// <summary>
/// <c>reconciler set-image SPEC-LOCATION --container NAME --tag TAG [--family F]</c>: read, rewrite the one tag
/// (<see cref="ImageTagEditor"/>: comments and layout kept, the result validated), write back only if nobody wrote
/// in between. A lost race re-runs the whole read-modify-write, up to <see cref="MaxRetries"/> times.
/// </summary>
internal static class SetImageCommand
{
    public const int MaxRetries = 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static Command Create(CliContext cli)
    {
        var location = new Argument<string>("spec-location") { Description = "A spec file, or an S3 object s3://BUCKET/KEY" };
        var container = new Option<string>("--container") { Description = "The container whose image tag is set", Required = true };
        var tag = new Option<string>("--tag") { Description = "The new image tag, e.g. the commit SHA", Required = true };
        var family = new Option<string?>("--family") { Description = "The task definition family, when the container name is in several" };
        var setImage = new Command("set-image", "Rewrite a container's image tag in a spec file or S3 object, keeping its comments and layout") { location, container, tag, family };
        setImage.SetAction(async (result, token) =>
        {
            var where = result.GetValue(location)!;
            if (!where.StartsWith("s3://", StringComparison.Ordinal))
            {
                return await RunAsync(new FileSpecStore(where), result.GetValue(container)!, result.GetValue(tag)!, result.GetValue(family), cli.Output, cli.Errors, token).ConfigureAwait(false);
            }

            if (S3SpecLocation.TryParse(where, folder: false) is not { Prefix.Length: > 0 } s3Object)
            {
                cli.Errors.WriteLine($"error: an S3 spec is s3://BUCKET/KEY, not '{where}'");
                return 1;
            }

            using var loggers = Logging.Create(result.GetValue(cli.Verbose), cli.Settings);
            using var aws = new AwsComposition(loggers, cli.Time, settings: cli.Settings);
            var store = new S3SpecStore(s3Object, aws.S3(Aws.AwsClientFactory.DefaultRegion()), aws.Runner);
            return await RunAsync(store, result.GetValue(container)!, result.GetValue(tag)!, result.GetValue(family), cli.Output, cli.Errors, token).ConfigureAwait(false);
        });
        return setImage;
    }

    public static async Task<int> RunAsync(IConditionalSpecStore store, string container, string tag, string? family, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        try
        {
            for (var attempt = 0; attempt <= MaxRetries; attempt++)
            {
                var stored = await store.ReadAsync(ct).ConfigureAwait(false);
                var bom = stored.Content.AsSpan().StartsWith(Bom);
                var text = StrictUtf8.GetString(stored.Content.AsSpan(bom ? Bom.Length : 0));
                var edit = ImageTagEditor.SetTag(text, store.Location, container, tag, family);
                var what = $"{store.Location}: container {edit.Container} of {edit.Family}";
                if (!edit.Changed)
                {
                    output.WriteLine($"{what}: already {edit.NewImage}; nothing written");
                    return 0;
                }

                byte[] content = [.. bom ? Bom : [], .. StrictUtf8.GetBytes(edit.Text)];
                if (await store.TryWriteAsync(content, stored.Version, ct).ConfigureAwait(false))
                {
                    output.WriteLine($"{what}: {edit.OldImage} -> {edit.NewImage}");
                    return 0;
                }

                errors.WriteLine($"{store.Location} changed while it was being edited (version {stored.Version} is gone); reading it again");
            }

            errors.WriteLine($"error: {store.Location} kept changing under the edit ({MaxRetries + 1} attempts lost the race); nothing written");
            return 1;
        }
        catch (SpecEditException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (DecoderFallbackException)
        {
            errors.WriteLine($"error: {store.Location} is not UTF-8 text");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Aws.AwsCallException or Amazon.Runtime.AmazonClientException)
        {
            errors.WriteLine($"error: {store.Location}: {ex.Message}");
            return 1;
        }
    }
}
