using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace SmartlyQ.Video.Core.Downloads
{
    /// <summary>
    /// The state file beside a temporary video (<c>….partial.json</c>): which job and file name the bytes are for and
    /// what the server announced when it started sending them, e.g.
    /// <c>{"job_uid":"job_a1b2c3d4e5f6","file":"job_a1b2c3d4e5f6.mp4","length":52428800,"etag":"\"…\"","last_modified":"2026-01-01T10:00:00+00:00"}</c>.
    /// Written before the first byte of every whole-file answer, so any bytes in the temporary file came with the
    /// validator it holds. No URL (it may carry a signature) and no key are stored.
    /// <para>
    /// Only the download holding the temporary file (<see cref="ExclusiveFile"/>) writes its state, but any download
    /// may read it meanwhile: each finished one scans the folder's state files (<see cref="StalePartials"/>), as does
    /// another run in the same folder. So neither side locks the other out (an exclusive write failed the download
    /// whose state a scan was reading at that moment); a read that meets a rewrite half done sees no state.
    /// </para>
    /// </summary>
    internal sealed class PartialFileState
    {
        private PartialFileState(string jobUid, string fileName, DownloadValidator validator)
        {
            JobUid = jobUid;
            FileName = fileName;
            Validator = validator;
        }

        /// <summary>The job the bytes belong to.</summary>
        public string JobUid { get; }

        /// <summary>The final file name they are for.</summary>
        public string FileName { get; }

        /// <summary>What the server announced with them.</summary>
        public DownloadValidator Validator { get; }

        /// <summary>Replaces the state file at <paramref name="path"/>.</summary>
        public static void Write(string path, string jobUid, string fileName, DownloadValidator validator)
        {
            using (var stream = new MemoryStream())
            {
                using (var json = new Utf8JsonWriter(stream))
                {
                    json.WriteStartObject();
                    json.WriteString("job_uid", jobUid);
                    json.WriteString("file", fileName);
                    if (validator.Length.HasValue) json.WriteNumber("length", validator.Length.Value);
                    if (validator.ETag != null) json.WriteString("etag", validator.ETag);
                    if (validator.LastModified.HasValue) json.WriteString("last_modified", validator.LastModified.Value.ToString("o", CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }

                // Not File.WriteAllBytes: on Windows, creating over an existing hidden file is refused (access denied).
                using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete))
                {
                    file.SetLength(0);
                    stream.Position = 0;
                    stream.CopyTo(file);
                }
            }

            PartialFile.SetHidden(path, true);
        }

        /// <summary>The state at <paramref name="path"/>; null when it is missing, unreadable or not a state file (a crash or a rewrite mid-write).</summary>
        public static PartialFileState? TryRead(string path)
        {
            try
            {
                if (!File.Exists(path)) return null;
                byte[] bytes;
                using (FileStream file = OpenRead(path))
                using (var copy = new MemoryStream())
                {
                    file.CopyTo(copy);
                    bytes = copy.ToArray();
                }

                using (JsonDocument document = JsonDocument.Parse(bytes))
                {
                    JsonElement root = document.RootElement;
                    if (root.ValueKind != JsonValueKind.Object) return null;
                    string? jobUid = String(root, "job_uid");
                    string? fileName = String(root, "file");
                    if (string.IsNullOrEmpty(jobUid) || string.IsNullOrEmpty(fileName)) return null;
                    long? length = root.TryGetProperty("length", out JsonElement l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt64(out long n) && n >= 0 ? n : (long?)null;
                    string? etag = String(root, "etag");
                    DateTimeOffset? modified = DateTimeOffset.TryParse(String(root, "last_modified"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset m) ? m : (DateTimeOffset?)null;
                    if (etag != null && (etag.Length == 0 || etag.StartsWith("W/", StringComparison.OrdinalIgnoreCase))) return null;
                    return new PartialFileState(jobUid!, fileName!, new DownloadValidator(length, etag, modified));
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is JsonException)
            {
                return null;
            }
        }

        /// <summary>Opens the state file for reading without keeping its writer, or its deletion, out.</summary>
        internal static FileStream OpenRead(string path)
            => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        private static string? String(JsonElement root, string name)
            => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
