using System;
using System.Collections.Generic;
using System.IO;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>Lists an MP4 file's top-level boxes (size + 4-character type), enough to tell a real MP4 from junk.</summary>
    internal static class Mp4Boxes
    {
        public static List<string> TopLevel(string path)
        {
            var types = new List<string>();
            byte[] bytes = File.ReadAllBytes(path);
            long offset = 0;
            while (offset + 8 <= bytes.Length)
            {
                long size = (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);
                string type = System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4);
                if (size == 1) size = (long)BitConverter.ToUInt64(new[] { bytes[offset + 15], bytes[offset + 14], bytes[offset + 13], bytes[offset + 12], bytes[offset + 11], bytes[offset + 10], bytes[offset + 9], bytes[offset + 8] }, 0);
                if (size < 8 || offset + size > bytes.Length) throw new InvalidDataException("Box '" + type + "' at " + offset + " has a bad size " + size + ".");
                types.Add(type);
                offset += size;
            }

            if (offset != bytes.Length) throw new InvalidDataException("Trailing bytes after the last box.");
            return types;
        }
    }
}
