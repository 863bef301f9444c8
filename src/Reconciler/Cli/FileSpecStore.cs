using System.Security.Cryptography;

namespace Reconciler.Cli;

/// <summary>
/// A spec file. Its version is the SHA-256 of its bytes; a write first checks that the file still holds what was
/// read. A file system has no compare-and-swap, so a writer racing in between that check and the write can still be
/// overwritten: the window is one read long, against the whole edit for a blind write.
/// </summary>
internal sealed class FileSpecStore(string path) : IConditionalSpecStore
{
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

        await File.WriteAllBytesAsync(path, content, ct).ConfigureAwait(false);
        return true;
    }
}
