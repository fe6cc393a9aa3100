using System.Globalization;
using System.Text;

namespace Dispatch.Silo.Database;

/// <summary>
/// How the Orleans ADO.NET grain storage keys a grain's row: an integer key in n1, a Guid key split over
/// n0 and n1, the key extension (or the whole key of a string-keyed grain) as text, and the bytes its
/// grain-id hash is computed from. <see cref="GroupCommitGrainStorage"/> must find and create exactly the
/// rows that provider does, so this follows its layout to the byte (Orleans 10.4, AdoGrainKey).
/// </summary>
internal readonly record struct StorageKey(long N0, long N1, string? Extension, StorageKey.Shape KeyShape)
{
    public static StorageKey Of(GrainId grainId)
    {
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new StorageKey(BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension, Shape.Guid);
        }
        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new StorageKey(0, integer, integerExtension, Shape.Integer);
        }
        return new StorageKey(0, 0, grainId.Key.ToString(), Shape.String);
    }

    /// <summary>The bytes hashed into the row's grain-id hash: the key, then the extension's UTF-8, reversed on little-endian machines.</summary>
    public byte[] HashBytes()
    {
        byte[] bytes = KeyShape switch
        {
            Shape.Integer => BitConverter.GetBytes(N1),
            Shape.Guid => Guid.ToByteArray(),
            _ => Encoding.UTF8.GetBytes(Extension!),
        };
        if (KeyShape != Shape.String && Extension is not null)
        {
            bytes = [.. bytes, .. Encoding.UTF8.GetBytes(Extension)];
        }
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }
        return bytes;
    }

    private Guid Guid => new((uint)(N0 & 0xffffffff), (ushort)(N0 >> 32), (ushort)(N0 >> 48),
        (byte)N1, (byte)(N1 >> 8), (byte)(N1 >> 16), (byte)(N1 >> 24), (byte)(N1 >> 32), (byte)(N1 >> 40), (byte)(N1 >> 48), (byte)(N1 >> 56));

    public enum Shape
    {
        Integer,
        Guid,
        String,
    }

    public override string ToString() => KeyShape switch
    {
        Shape.Integer => N1.ToString(CultureInfo.InvariantCulture) + (Extension is null ? "" : "#" + Extension),
        Shape.Guid => Guid + (Extension is null ? "" : "#" + Extension),
        _ => Extension!,
    };
}
