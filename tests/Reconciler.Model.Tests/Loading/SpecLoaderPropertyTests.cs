using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Reconciler.Model.Loading;
using Reconciler.Model.Tests.BadSpecs;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Reconciler.Model.Tests.Loading;

/// <summary>
/// Property tests of the loader on hostile input: random bytes, random text, and the sample spec mutated line by line.
/// Whatever the input, the loader returns (never throws), within <see cref="Hostile.CallTimeout"/>, and the result is
/// either valid or has at least one error placed at 1:1 or after (<see cref="Hostile.AssertSound"/>).
/// <para>
/// The run is reproducible: inputs come from CsCheck generators driven by a PCG with a fixed seed (CsCheck's own
/// <c>Check.Sample</c> fixes only the first of its iterations). A failing input is handed to <c>Check.Sample</c> with
/// its seed, which replays it and then looks for a smaller one. Set <c>RECONCILER_PROPERTY_SEED</c> (a number) to
/// explore other inputs and <c>RECONCILER_PROPERTY_ITERATIONS</c> to run more of them.
/// </para>
/// </summary>
public sealed class SpecLoaderPropertyTests(ITestOutputHelper output)
{
    private const uint PcgStream = 2026;
    private const string File = "fuzz.yaml";

    private static readonly string Sample = System.IO.File.ReadAllText(TestSpecs.SamplePath);
    private static readonly string[] SampleLines = Sample.Split('\n');
    private static readonly byte[] SampleBytes = Encoding.UTF8.GetBytes(Sample);

    /// <summary>Characters that drive a YAML parser into its corners, plus line breaks of every kind and a few controls.</summary>
    private const string YamlAlphabet = "ab yz09-_./:?[]{},#&*!|>'\"%@`~=<\\\n\n\n\r\t\u0085\u2028\uFEFF\u00e9\u0007\u001b";

    private static readonly Gen<string> Scalars = Gen.OneOf(
        Gen.OneOfConst(
            "", "~", "null", "-1", "0", "65536", "2147483648", "-9223372036854775809", "99999999999999999999999", "1e400",
            "0x1F", "yes", "no", "on", "TRUE", "[", "]", "{", "}", "[a, b]", "{ a: b }", "- x", "*a", "&a x", "&a", "!!binary x",
            "!custom x", "|", ">-", "\"", "'", "\"\\u0000\"", "'it''s'", "# only a comment", "0.0.0.0/0", "10.0.0.1/33",
            "ap-northeast-1z", "a: b: c", "? x", "%YAML 1.2", "---", "...", "\t", "\\", "@", "`", "\uFEFF", "\u2028", "\ud800"),
        Gen.String[Gen.Char[YamlAlphabet], 0, 12],
        Gen.String[Gen.Char, 0, 6]);

    /// <summary>Random bytes: raw, behind each byte order mark, or the sample with a few bytes overwritten.</summary>
    private static readonly Gen<byte[]> RandomBytes = Gen.OneOf(
        Gen.Byte.Array[0, 600],
        Gen.Select(
            Gen.OneOfConst<byte[]>([], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]),
            Gen.Byte.Array[0, 200],
            (bom, rest) => bom.Concat(rest).ToArray()),
        Gen.Select(
            Gen.Int[0, SampleBytes.Length - 1].Array[1, 8],
            Gen.Byte.Array[8],
            (positions, values) =>
            {
                var bytes = (byte[])SampleBytes.Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    bytes[positions[i]] = values[i];
                }

                return bytes;
            }));

    /// <summary>Random text: any UTF-16 code units (lone surrogates included), or YAML's punctuation and line breaks.</summary>
    private static readonly Gen<string> RandomText = Gen.OneOf(
        Gen.String[Gen.Char, 0, 300],
        Gen.String[Gen.Char[YamlAlphabet], 0, 400],
        Gen.Select(Gen.String[Gen.Char[YamlAlphabet], 0, 60].Array[1, 12], parts => string.Join("\n  ", parts)));

    private static readonly Gen<Mutation> Mutations = Gen.Select(
        Gen.Enum<MutationKind>(), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.OneOf(Scalars, Gen.String[Gen.Char[YamlAlphabet], 1, 40]),
        (kind, a, b, text) => new Mutation(kind, a, b, text));

    /// <summary>The sample after one to five mutations, applied in turn.</summary>
    private static readonly Gen<string> MutatedSample = Mutations.Array[1, 5].Select(Mutation.ApplyAll);

    [Fact]
    public void LoadBytes_Should_ReturnASoundResultInTime_When_TheBytesAreRandom() =>
        Run(RandomBytes, iterations: 1500, seed: 0x5EED_0001, bytes =>
        {
            var spec = Hostile.Load(() => SpecLoader.LoadBytes(bytes, File), "random bytes");
            Hostile.AssertSound(spec, File, Encoding.UTF8.GetString(bytes));
        }, ShowBytes);

    [Fact]
    public void LoadText_Should_ReturnASoundResultInTime_When_TheTextIsRandom() =>
        Run(RandomText, iterations: 3000, seed: 0x5EED_0002, text =>
        {
            var spec = Hostile.Load(() => SpecLoader.LoadText(text, File), "random text");
            Hostile.AssertSound(spec, File, text);
        }, ShowText);

    [Fact]
    public void LoadText_Should_ReturnASoundResultInTime_When_TheSampleIsMutated() =>
        Run(MutatedSample, iterations: 2500, seed: 0x5EED_0003, text =>
        {
            var spec = Hostile.Load(() => SpecLoader.LoadText(text, File), "a mutated sample");
            Hostile.AssertSound(spec, File, text);
        }, ShowText);

    [Fact]
    public void MutatedSample_Should_MostlyBreakTheSample_When_MutationsAreApplied()
    {
        // Guards the generator itself: mutations that never reached the loader's checks would prove nothing.
        var pcg = new PCG(PcgStream, 42);
        var results = Enumerable.Range(0, 200).Select(_ => SpecLoader.LoadText(MutatedSample.Generate(pcg, null, out Size _), File)).ToList();

        Assert.True(SpecLoader.LoadText(Sample, File).IsValid);
        Assert.InRange(results.Count(r => !r.IsValid), 100, 200);
        Assert.Contains(results, r => r.Document is not null && !r.IsValid); // binding and validation errors, not only syntax
        Assert.Contains(results, r => r.Document is null);
    }

    private void Run<T>(Gen<T> gen, int iterations, ulong seed, Action<T> property, Func<T, string> show)
    {
        seed = ulong.TryParse(Environment.GetEnvironmentVariable("RECONCILER_PROPERTY_SEED"), CultureInfo.InvariantCulture, out var s) ? s : seed;
        iterations = int.TryParse(Environment.GetEnvironmentVariable("RECONCILER_PROPERTY_ITERATIONS"), CultureInfo.InvariantCulture, out var n) ? n : iterations;
        var master = new PCG(PcgStream, seed);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var pcg = new PCG(PcgStream, master.Next64());
            var replay = pcg.ToString();
            var input = gen.Generate(pcg, null, out _);
            try
            {
                property(input);
            }
            catch (LoaderHangException ex)
            {
                throw new XunitException($"iteration {i} of seed {seed} (CsCheck seed {replay}): {ex.Message}\ninput: {show(input)}");
            }
            catch (Exception ex)
            {
                // Replays the failing seed, then tries smaller inputs; its exception names the smallest failure found.
                try
                {
                    Check.Sample(gen, property, seed: replay, iter: 300, threads: 1, print: show);
                }
                catch (Exception shrunk)
                {
                    throw new XunitException($"iteration {i} of seed {seed} (CsCheck seed {replay}) failed: {ex.Message}\ninput: {show(input)}\nshrunk: {shrunk.Message}");
                }

                throw new XunitException($"iteration {i} of seed {seed} (CsCheck seed {replay}) failed, but not on replay: {ex}\ninput: {show(input)}");
            }
        }

        output.WriteLine($"{iterations} inputs of seed {seed} in {clock.Elapsed.TotalSeconds:0.00} s");
    }

    private static string ShowText(string text) => JsonSerializer.Serialize(text.Length > 2000 ? text[..2000] + "..." : text);

    private static string ShowBytes(byte[] bytes) => Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 1000)) + (bytes.Length > 1000 ? "..." : string.Empty);

    private enum MutationKind
    {
        DeleteLine,
        DuplicateLine,
        SwapLines,
        InsertText,
        Truncate,
        ReplaceScalar,
        Reindent,
    }

    /// <summary>One edit of the sample; <see cref="A"/> and <see cref="B"/> pick lines and columns modulo their size.</summary>
    private sealed record Mutation(MutationKind Kind, int A, int B, string Text)
    {
        public static string ApplyAll(Mutation[] mutations)
        {
            var lines = SampleLines.ToList();
            foreach (var mutation in mutations)
            {
                mutation.Apply(lines);
            }

            return string.Join('\n', lines);
        }

        private void Apply(List<string> lines)
        {
            if (lines.Count == 0)
            {
                lines.Add(Text);
                return;
            }

            var i = A % lines.Count;
            var line = lines[i];
            var column = B % (line.Length + 1);
            switch (Kind)
            {
                case MutationKind.DeleteLine:
                    lines.RemoveAt(i);
                    break;
                case MutationKind.DuplicateLine:
                    lines.Insert(i, line);
                    break;
                case MutationKind.SwapLines:
                    var j = B % lines.Count;
                    (lines[i], lines[j]) = (lines[j], line);
                    break;
                case MutationKind.InsertText:
                    lines[i] = line.Insert(column, Text);
                    break;
                case MutationKind.Truncate:
                    lines.RemoveRange(i + 1, lines.Count - i - 1);
                    lines[i] = line[..column];
                    break;
                case MutationKind.ReplaceScalar:
                    // The value after "key:" (or the item after "- "), else the whole line.
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    var dash = line.IndexOf("- ", StringComparison.Ordinal);
                    var at = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : 0;
                    var end = line.IndexOf(" #", at, StringComparison.Ordinal);
                    lines[i] = string.Concat(line.AsSpan(0, at), Text, end >= 0 ? line.AsSpan(end) : string.Empty);
                    break;
                case MutationKind.Reindent:
                    var indent = line.Length - line.TrimStart(' ').Length;
                    var shift = (B % 7) - 3;
                    lines[i] = new string(' ', Math.Max(0, indent + shift)) + line.TrimStart(' ');
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(lines), Kind, null);
            }
        }
    }
}
