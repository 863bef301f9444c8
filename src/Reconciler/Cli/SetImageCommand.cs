using System.Text;
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
