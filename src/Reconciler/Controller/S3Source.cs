using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Aws;
using Reconciler.Model.Loading;

namespace Reconciler.Controller;

/// <summary>
/// Specs under an S3 prefix, polled at every rescan: one paged ListObjectsV2, then GetObject only for the keys whose
/// ETag changed since the last listing (the bytes are cached by key and ETag), so an unchanged bucket costs one List
/// per rescan. Only <c>*.yaml</c>/<c>*.yml</c> keys are specs. Any failure (AccessDenied, NoSuchBucket, the network)
/// answers an incomplete listing with the error: the catalog then removes nothing because of it.
/// An object <c>.resync</c> directly under the prefix is the on-demand resync marker: when its ETag changes (or it
/// appears) after the first listing, the listing asks for a resync of every environment.
/// With <c>run --events</c>, <see cref="S3EventListener"/> hands this source the keys S3's event notifications name
/// (<see cref="Notify"/>): the source asks for a listing at once (<see cref="Changed"/>) and the listing says which of
/// its documents an event touched. An event is only a hint to list now: the listing, not the event, says what exists, so
/// a removed key takes the same path as a spec gone from a periodic listing (a tombstone), and duplicated or reordered
/// notifications (S3 delivers them at least once, in no guaranteed order:
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html) change nothing.
/// S3 lists strongly consistently after a PUT or DELETE, and it has no atomic update across keys
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel): an object replaced by
/// delete-then-put, or a prefix in the middle of an `aws s3 sync --delete`, really is absent from a listing for a
/// moment. <see cref="SpecCatalog"/> therefore makes an absent spec a tombstone and guards against a listing that
/// lost most of its environments, rather than pruning on what one listing says.
/// </summary>
internal sealed class S3Source(S3SpecLocation location, IAmazonS3 s3, AwsCallRunner runner) : ISpecSource
{
    public const string ResyncMarker = ".resync";

    private readonly object _lock = new();
    private Dictionary<string, (string ETag, byte[] Content)> _cache = new(StringComparer.Ordinal);
    private string? _marker;
    private bool _listedOnce;
    private HashSet<string> _touched = new(StringComparer.Ordinal);
    private Action? _changed;

    public string Name => location.Uri;

    /// <summary>Keys per ListObjectsV2 page; S3's default (1,000) when null. Tests make pages small.</summary>
    internal int? PageSize { get; init; }

    /// <summary>Raised by <see cref="Notify"/>; without event notifications S3 says nothing and the rescan period is the latency.</summary>
    public event Action? Changed
    {
        add
        {
            lock (_lock)
            {
                _changed += value;
            }
        }

        remove
        {
            lock (_lock)
            {
                _changed -= value;
            }
        }
    }

    /// <summary>
    /// An event notification named <paramref name="key"/> of <paramref name="bucket"/>: true (and a listing is asked for)
    /// when it is one of this source's specs or its resync marker; false when it is not this source's.
    /// </summary>
    public bool Notify(string bucket, string key)
    {
        if (bucket != location.Bucket || !key.StartsWith(location.Prefix, StringComparison.Ordinal) ||
            !(SpecLoader.IsSpecFile(key) || key == location.Prefix + ResyncMarker))
        {
            return false;
        }

        Action? changed;
        lock (_lock)
        {
            _touched.Add(location.UriOf(key));
            changed = _changed;
        }

        changed?.Invoke();
        return true;
    }

    public async Task<SourceListing> ListAsync(CancellationToken ct)
    {
        // Taken before listing: a key notified while the listing runs is named again by the next one.
        HashSet<string> touched;
        lock (_lock)
        {
            (touched, _touched) = (_touched, new HashSet<string>(StringComparer.Ordinal));
        }

        List<S3Object> objects;
        try
        {
            objects = await ListObjectsAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsSourceFailure(ex))
        {
            Retouch(touched);
            return new SourceListing(Name, [], Complete: false, Error: $"listing {Name} failed: {ex.Message}");
        }

        var documents = new List<SpecDocument>();
        var cache = new Dictionary<string, (string ETag, byte[] Content)>(StringComparer.Ordinal);
        var complete = true;
        string? error = null;
        foreach (var item in objects.Where(o => SpecLoader.IsSpecFile(o.Key) && !o.Key.EndsWith('/')).OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var where = location.UriOf(item.Key);
            if (item.Size > SpecLoader.MaxFileBytes)
            {
                // Still listed (so the environment is not taken for removed); the loader reports the size.
                documents.Add(new SpecDocument(where, item.ETag, new byte[SpecLoader.MaxFileBytes + 1]));
                continue;
            }

            (string ETag, byte[] Content) known;
            lock (_lock)
            {
                _cache.TryGetValue(item.Key, out known);
            }

            if (known.Content is null || known.ETag != item.ETag)
            {
                try
                {
                    known = await GetObjectAsync(item.Key, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsSourceFailure(ex))
                {
                    // Gone or unreadable since the listing: unknown this round, so not removed either.
                    complete = false;
                    error = $"reading {where} failed: {ex.Message}";
                    continue;
                }
            }

            cache[item.Key] = known;
            documents.Add(new SpecDocument(where, known.ETag, known.Content));
        }

        var marker = objects.FirstOrDefault(o => o.Key == location.Prefix + ResyncMarker)?.ETag;
        bool resync;
        lock (_lock)
        {
            resync = _listedOnce && marker is not null && marker != _marker;
            _marker = marker;
            _listedOnce = true;
            if (!complete)
            {
                // Keep what this round could not read, so it is not fetched again needlessly.
                foreach (var (key, value) in _cache.Where(kv => !cache.ContainsKey(kv.Key)))
                {
                    cache[key] = value;
                }
            }

            _cache = cache;
        }

        return new SourceListing(Name, documents, complete, error) { ResyncRequested = resync, Touched = [.. touched.Order(StringComparer.Ordinal)] };
    }

    private void Retouch(HashSet<string> touched)
    {
        lock (_lock)
        {
            _touched.UnionWith(touched);
        }
    }

    private async Task<List<S3Object>> ListObjectsAsync(CancellationToken ct)
    {
        var objects = new List<S3Object>();
        string? token = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix, ContinuationToken = token, MaxKeys = PageSize };
            var page = await runner.RunAsync("s3", "ListObjectsV2", CallPurpose.Read, t => s3.ListObjectsV2Async(request, t), ct).ConfigureAwait(false);
            objects.AddRange(page.S3Objects ?? []);
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(token));

        return objects;
    }

    private Task<(string ETag, byte[] Content)> GetObjectAsync(string key, CancellationToken ct) =>
        runner.RunAsync("s3", "GetObject", CallPurpose.Read, async t =>
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = location.Bucket, Key = key }, t).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, t).ConfigureAwait(false);
            return (response.ETag, buffer.ToArray());
        }, ct);

    /// <summary>What makes a source unreadable for now, as opposed to a bug or a cancellation.</summary>
    internal static bool IsSourceFailure(Exception ex) =>
        ex is AwsCallException or AmazonClientException or HttpRequestException or IOException;

    public void Dispose()
    {
    }
}
