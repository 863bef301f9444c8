using System.Security.Cryptography;

namespace Reconciler.Cli;

/// <summary>
/// A spec file. Its version is the SHA-256 of its bytes; a write first checks that the file still holds what was
/// read. A file system has no compare-and-swap, so a writer racing in between that check and the write can still be
/// overwritten: the window is one read long, against the whole edit for a blind write.
/// <para>
/// The write is atomic: the new content goes to a temporary file in the same folder (see <see cref="IsTemporary"/>),
/// is flushed to disk, and is renamed over the spec. rename(2) replaces the target atomically, "so that there is no
/// point at which another process attempting to access newpath will find it missing" (man 2 rename, and POSIX:
/// pubs.opengroup.org/onlinepubs/009695399/functions/rename.html); .NET's File.Move(overwrite: true) is rename(2) on
/// Unix and MoveFileEx(MOVEFILE_REPLACE_EXISTING) on Windows. A reader (the controller, a CI job) thus sees the old
/// file or the new one, never a truncated one; a crash leaves at worst a temporary file, which no loader reads.
/// </para>
/// </summary>
internal sealed class FileSpecStore(string path) : IConditionalSpecStore
{
    /// <summary>How a temporary file's name starts: a leading dot, which SpecLoader.IsSpecFile (and so FolderSource) skips.</summary>
    private const string TemporaryPrefix = ".";

    /// <summary>How a temporary file's name ends: not .yaml/.yml either, a second reason no loader takes it for a spec.</summary>
    private const string TemporarySuffix = ".set-image.tmp";

    public string Location => path;

    public async Task<StoredSpec> ReadAsync(CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return new StoredSpec(bytes, Convert.ToHexString(SHA256.HashData(bytes)));
    }

    public async Task<bool> TryWriteAsync(byte[] content, string version, CancellationToken ct)
    {
        if ((await ReadAsync(ct).ConfigureAwait(false)).Version != version)
        {
            return false;
        }

        // A symbolic link (a spec linked from a shared checkout) stays a link: the file it points to is replaced.
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var temporary = TemporaryFor(target);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, useAsync: true))
            {
                await stream.WriteAsync(content, ct).ConfigureAwait(false);

                // On disk before the rename: after a power cut the spec is the old content or the new, not an empty file.
                stream.Flush(flushToDisk: true);
            }

            KeepMode(target, temporary);
            File.Move(temporary, target, overwrite: true);
            return true;
        }
        finally
        {
            // Gone after a successful rename; after a failure (disk full, cancelled) nothing half-written is left.
            File.Delete(temporary);
        }
    }

    /// <summary>True for the name of a temporary file this store writes (and a crash could leave behind).</summary>
    public static bool IsTemporary(string file)
    {
        var name = Path.GetFileName(file);
        return name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) && name.EndsWith(TemporarySuffix, StringComparison.Ordinal);
    }

    /// <summary>A unique name next to <paramref name="target"/> (same folder, so same file system: the rename is atomic).</summary>
    private static string TemporaryFor(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $"{TemporaryPrefix}{Path.GetFileName(target)}.{Guid.NewGuid():N}{TemporarySuffix}");

    /// <summary>The new file gets the old one's permission bits (a 0600 spec stays 0600); its owner is whoever runs set-image.</summary>
    private static void KeepMode(string target, string temporary)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
        }
    }
}
