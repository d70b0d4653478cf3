using System;
using System.IO;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// A local reference image for -ImagePath (VideoRequest.ImagePath): a JPEG, PNG or WebP file, recognised by its
    /// first bytes rather than its extension, so a mislabelled file is refused before anything is paid.
    /// </summary>
    public static class ReferenceImage
    {
        /// <summary>Largest file accepted, in bytes (50 MiB): the APIs' own limits are lower or undocumented.</summary>
        public const long MaxBytes = 50L * 1024 * 1024;

        /// <summary>
        /// The media type of the image at <paramref name="path"/> (<c>image/jpeg</c>, <c>image/png</c>, <c>image/webp</c>),
        /// or null when the file is none of them. Throws what <see cref="File.OpenRead"/> throws.
        /// </summary>
        public static string? MediaType(string path)
        {
            var head = new byte[12];
            int read;
            using (FileStream file = File.OpenRead(path))
            {
                read = 0;
                while (read < head.Length)
                {
                    int n = file.Read(head, read, head.Length - read);
                    if (n == 0) break;
                    read += n;
                }
            }
            return Sniff(head, read);
        }

        /// <summary>
        /// Why <paramref name="path"/> cannot be sent (missing, a folder, empty, too large, unreadable, not JPEG/PNG/WebP),
        /// naming <c>image_path</c>; null when it can.
        /// </summary>
        public static string? Problem(string path)
        {
            if (string.IsNullOrWhiteSpace(path) || UnsafeCharacters.IndexOf(path) >= 0)
                return "image_path '" + UnsafeCharacters.Show(path, 200) + "' is not a file path.";
            try
            {
                if (Directory.Exists(path)) return "image_path '" + path + "' is a folder; give a JPEG, PNG or WebP file.";
                var info = new FileInfo(path);
                if (!info.Exists) return "image_path '" + path + "' does not exist.";
                if (info.Length == 0) return "image_path '" + path + "' is empty.";
                if (info.Length > MaxBytes) return "image_path '" + path + "' is " + info.Length + " bytes; at most " + MaxBytes + " bytes are sent.";
                return MediaType(path) == null ? "image_path '" + path + "' is not a JPEG, PNG or WebP image." : null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return "image_path '" + path + "' cannot be read: " + ex.Message;
            }
        }

        private static string? Sniff(byte[] head, int length)
        {
            if (length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
            if (length >= 8 && head[0] == 0x89 && head[1] == 0x50 && head[2] == 0x4E && head[3] == 0x47 && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A)
                return "image/png";
            if (length >= 12 && head[0] == (byte)'R' && head[1] == (byte)'I' && head[2] == (byte)'F' && head[3] == (byte)'F'
                && head[8] == (byte)'W' && head[9] == (byte)'E' && head[10] == (byte)'B' && head[11] == (byte)'P')
                return "image/webp";
            return null;
        }
    }
}
