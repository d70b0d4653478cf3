using System;
using System.IO;

namespace SmartlyQ.Video.Sandbox.Media
{
    /// <summary>
    /// The embedded preview images of every finished video (Assets/make-previews.sh): a WebP thumbnail and a JPEG sprite
    /// sheet, served by the OpenAI and NanoGPT content endpoints for <c>variant=thumbnail</c> / <c>spritesheet</c>.
    /// </summary>
    internal static class PreviewImages
    {
        public const string ThumbnailType = "image/webp";
        public const string SpritesheetType = "image/jpeg";

        private static readonly Lazy<byte[]> ThumbnailBytes = new Lazy<byte[]>(() => Load("SmartlyQ.Video.Sandbox.sandbox-thumbnail.webp"));
        private static readonly Lazy<byte[]> SpritesheetBytes = new Lazy<byte[]>(() => Load("SmartlyQ.Video.Sandbox.sandbox-spritesheet.jpg"));

        public static byte[] Thumbnail => ThumbnailBytes.Value;

        public static byte[] Spritesheet => SpritesheetBytes.Value;

        private static byte[] Load(string name)
        {
            using var stream = typeof(PreviewImages).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
