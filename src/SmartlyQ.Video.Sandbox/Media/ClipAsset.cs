using System;
using System.IO;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>The embedded playable clip (Assets/sandbox-clip.mp4), loaded once.</summary>
    internal static class ClipAsset
    {
        private const string ResourceName = "SmartlyQ.Video.Sandbox.sandbox-clip.mp4";
        private static readonly Lazy<byte[]> Bytes = new Lazy<byte[]>(Load);

        public static ReadOnlyMemory<byte> Clip => Bytes.Value;

        private static byte[] Load()
        {
            using var stream = typeof(ClipAsset).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
