namespace Reconciler.Model.Validation;

/// <summary>
/// vCPUs and memory (MiB) of the EC2 instance types ECS hosts commonly use, to tell whether a task's cpu and memory can
/// fit on one host (Amazon EC2 User Guide, "Instance type specifications": general purpose and compute optimized).
/// An ECS container instance registers somewhat less memory than the instance has (the agent and the OS keep some), so
/// this is an upper bound: a task above it can never be placed. Types not listed are not checked.
/// </summary>
internal static class InstanceSizes
{
    private static readonly Dictionary<string, (int VCpus, int MemoryMiB)> Burstable = new(StringComparer.Ordinal)
    {
        ["nano"] = (2, 512), ["micro"] = (2, 1024), ["small"] = (2, 2048), ["medium"] = (2, 4096),
        ["large"] = (2, 8192), ["xlarge"] = (4, 16384), ["2xlarge"] = (8, 32768),
    };

    /// <summary>m5/m6i/m7i: 4 GiB per vCPU; c5/c6i/c7i: 2 GiB per vCPU; r5/r6i/r7i: 8 GiB per vCPU; large is 2 vCPUs.</summary>
    private static readonly Dictionary<string, int> MiBPerVCpu = new(StringComparer.Ordinal)
    {
        ["m5"] = 4096, ["m6i"] = 4096, ["m7i"] = 4096, ["c5"] = 2048, ["c6i"] = 2048, ["c7i"] = 2048, ["r5"] = 8192, ["r6i"] = 8192, ["r7i"] = 8192,
    };

    private static readonly Dictionary<string, int> VCpusBySize = new(StringComparer.Ordinal)
    {
        ["large"] = 2, ["xlarge"] = 4, ["2xlarge"] = 8, ["4xlarge"] = 16, ["8xlarge"] = 32,
    };

    /// <summary>The type's vCPUs and memory in MiB, or null when this table does not know it.</summary>
    public static (int VCpus, int MemoryMiB)? Find(string instanceType)
    {
        var dot = instanceType.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var (family, size) = (instanceType[..dot], instanceType[(dot + 1)..]);
        if (family is "t2" or "t3" or "t3a" or "t4g")
        {
            // t2 differs from t3 in vCPUs only at the small sizes (t2.nano/micro/small have 1).
            return Burstable.TryGetValue(size, out var t) ? (family == "t2" && size is "nano" or "micro" or "small" ? 1 : t.VCpus, t.MemoryMiB) : null;
        }

        return MiBPerVCpu.TryGetValue(family, out var perVCpu) && VCpusBySize.TryGetValue(size, out var vcpus) ? (vcpus, vcpus * perVCpu) : null;
    }
}
