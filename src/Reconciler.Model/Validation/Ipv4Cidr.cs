using System.Globalization;

namespace Reconciler.Model.Validation;

/// <summary>An IPv4 CIDR block, normalised to its network address.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int Prefix)
{
    public uint Mask => Prefix == 0 ? 0 : uint.MaxValue << (32 - Prefix);

    public uint First => Network;

    public uint Last => Network | ~Mask;

    /// <summary>Parses <c>a.b.c.d/n</c>; <paramref name="error"/> says why not. Host bits set are an error.</summary>
    public static bool TryParse(string text, out Ipv4Cidr cidr, out string error)
    {
        cidr = default;
        error = string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"'{text}' is not a CIDR block (expected a.b.c.d/n)";
            return false;
        }

        var parts = text[..slash].Split('.');
        if (parts.Length != 4 || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            error = $"'{text}' is not a CIDR block (expected a.b.c.d/n with n from 0 to 32)";
            return false;
        }

        uint address = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                error = $"'{text}' is not a CIDR block ('{part}' is not an octet 0-255)";
                return false;
            }

            address = (address << 8) | octet;
        }

        var candidate = new Ipv4Cidr(address, prefix);
        if ((address & ~candidate.Mask) != 0)
        {
            var network = new Ipv4Cidr(address & candidate.Mask, prefix);
            error = $"'{text}' has host bits set; the network is {network}";
            return false;
        }

        cidr = candidate;
        return true;
    }

    public bool Contains(Ipv4Cidr other) => other.Prefix >= Prefix && (other.Network & Mask) == Network;

    public bool Overlaps(Ipv4Cidr other) => First <= other.Last && other.First <= Last;

    public override string ToString() =>
        $"{Network >> 24}.{(Network >> 16) & 0xFF}.{(Network >> 8) & 0xFF}.{Network & 0xFF}/{Prefix}";
}
