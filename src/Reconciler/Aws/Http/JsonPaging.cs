namespace Reconciler.Aws.Http;

/// <summary>Every page of a JSON list or describe call: the request is repeated with the answer's token until none comes back (AWS may end with an empty one).</summary>
internal static class JsonPaging
{
    public static async Task<IReadOnlyList<TItem>> AllAsync<TRequest, TResponse, TItem>(
        this JsonProtocolClient client,
        string operation,
        TRequest request,
        Func<TResponse, IEnumerable<TItem>?> items,
        Func<TResponse, string?> next,
        Func<TRequest, string, TRequest> withToken,
        CancellationToken ct)
    {
        var result = new List<TItem>();
        var page = request;
        while (true)
        {
            var response = await client.CallAsync<TRequest, TResponse>(operation, page, CallPurpose.Read, ct).ConfigureAwait(false);
            result.AddRange(items(response) ?? []);
            if (next(response) is not { Length: > 0 } token)
            {
                return result;
            }

            page = withToken(page, token);
        }
    }
}
