using System.Text;
using Reconciler.Model.Validation;
using Reconciler.Model.Yaml;

namespace Reconciler.Model.Loading;

/// <summary>
/// Reads spec files: bytes to text (size, encoding and binary checks), text to a YAML tree, the tree to records,
/// then validation. It never throws for bad input: every problem comes back as a diagnostic with a position.
/// <see cref="SpecPipeline"/> adds the graph and the checks across files; the CLI and the controller load through it.
/// </summary>
internal static class SpecLoader
{
    /// <summary>Specs are a few kilobytes; anything above this is refused before it is parsed.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F', '\uFFFE', '\uFFFF']);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsSpecFile(string path)
    {
        var name = Path.GetFileName(path);
        return (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
               && !name.StartsWith('.') && !name.StartsWith('#') && !name.EndsWith('~');
    }

    public static LoadedSpec LoadFile(string file)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return Failed(file, SourceMark.Start, "no such file");
            }

            if (info.Length > MaxFileBytes)
            {
                return Failed(file, SourceMark.Start, $"the file is {info.Length:N0} bytes; a spec may be at most {MaxFileBytes:N0} bytes");
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(file, SourceMark.Start, "cannot read the file: " + ex.Message);
        }

        return LoadBytes(bytes, file);
    }

    public static LoadedSpec LoadBytes(ReadOnlySpan<byte> bytes, string file)
    {
        if (bytes.Length > MaxFileBytes)
        {
            return Failed(file, SourceMark.Start, $"the content is {bytes.Length:N0} bytes; a spec may be at most {MaxFileBytes:N0} bytes");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Failed(file, SourceMark.Start, "the file is UTF-16; save it as UTF-8");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return Failed(file, MarkOfByte(bytes, ex.Index), "the file is not UTF-8 text (binary content?)");
        }

        return LoadText(text, file);
    }

    public static LoadedSpec LoadText(string text, string file)
    {
        // YAML's printable set: no C0 control character but tab, line feed and carriage return; no DEL; no U+FFFE/U+FFFF.
        var control = text.AsSpan().IndexOfAny(ControlCharacters);
        if (control >= 0)
        {
            return Failed(file, MarkOfChar(text, control), $"control character U+{(int)text[control]:X4}: a spec is text (binary content?)");
        }

        var ctx = new BindContext(file);
        var (root, errors) = YamlTreeReader.Read(text);
        foreach (var error in errors)
        {
            ctx.Error(error.Mark, string.Empty, error.Message);
        }

        if (root is null)
        {
            ctx.Positions.Freeze();
            return new LoadedSpec(file, null, ctx.Positions, ctx.Diagnostics);
        }

        var document = SpecBinder.Bind(root, ctx);
        if (document is not null)
        {
            ctx.Diagnostics.AddRange(SpecValidator.Validate(document, ctx.Positions));
        }

        var ordered = ctx.Diagnostics.OrderBy(d => d.Mark.Line).ThenBy(d => d.Mark.Column).ToList();
        // Kept while the spec is in force, rarely read again: the compact form (see SourceMap).
        ctx.Positions.Freeze();
        return new LoadedSpec(file, document, ctx.Positions, ordered);
    }

    private static LoadedSpec Failed(string file, SourceMark mark, string message) =>
        new(file, null, new SourceMap(file), [new Diagnostic(Severity.Error, file, mark, string.Empty, message)]);

    private static SourceMark MarkOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        var safe = Math.Clamp(index, 0, bytes.Length);
        var before = bytes[..safe];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return new SourceMark(line, safe - lastNewline);
    }

    private static SourceMark MarkOfChar(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        return new SourceMark(line, index - before.LastIndexOf('\n'));
    }
}
