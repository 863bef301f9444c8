namespace Reconciler.Leases;

/// <summary>
/// This replica's name in the lease table when <c>--replica-id</c> is not given: on ECS, the last segment of
/// <c>ECS_CONTAINER_METADATA_URI_V4</c> (unique per task and container, read without any request); elsewhere the
/// host name and process id.
/// </summary>
internal static class ReplicaIdentity
{
    public const string EcsMetadataVariable = "ECS_CONTAINER_METADATA_URI_V4";

    public static string Default() => FromEcsMetadata(Environment.GetEnvironmentVariable(EcsMetadataVariable))
                                      ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>"http://169.254.170.2/v4/0123abcd-456" gives "ecs-0123abcd-456"; null when there is no such URI.</summary>
    public static string? FromEcsMetadata(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var segment = parsed.AbsolutePath.TrimEnd('/').Split('/')[^1];
        return segment.Length == 0 ? null : "ecs-" + segment;
    }
}
