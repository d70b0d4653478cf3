using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// Turns user text (the batch id) and the provider name into path parts that can never leave the journal
    /// directory, on any OS: <c>&lt;readable part&gt;-&lt;16 hex&gt;.jsonl</c>. The readable part keeps
    /// <c>[A-Za-z0-9._-]</c> of the id (others become <c>_</c>, runs collapsed), at most <see cref="MaxReadableLength"/>
    /// characters, never starting with a dot (no <c>..</c>, no hidden file) and never a Windows device name
    /// (<c>con</c>, <c>nul.x</c>, …). The hex is the start of the SHA-256 of the exact id, so ids that sanitise
    /// alike (<c>a/b</c>, <c>a:b</c>, <c>A/B</c> on a case-insensitive disk) still get different files.
    /// </summary>
    internal static class BatchFileName
    {
        /// <summary>Longest readable part, in characters (the whole name stays far below every file system's 255).</summary>
        public const int MaxReadableLength = 64;

        /// <summary>Hex digits of the id's hash in the name: 64 bits, and the header's exact id catches a collision anyway.</summary>
        public const int HashChars = 16;

        /// <summary>Extension of journal files.</summary>
        public const string Extension = ".jsonl";

        /// <summary>Longest provider name, in characters.</summary>
        public const int MaxProviderLength = 64;

        private static readonly string[] DeviceNames =
        {
            "CON", "PRN", "AUX", "NUL", "CLOCK$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        };

        /// <summary>
        /// The trimmed batch id; throws <see cref="ArgumentException"/> (ParamName <c>BatchId</c>) when it is null, blank
        /// or holds a control character or line break. Trimmed like <c>BatchKeys</c> does, so the journal and the keys
        /// agree on which batch " x " is.
        /// </summary>
        public static string CheckBatchId(string? batchId)
        {
            if (string.IsNullOrWhiteSpace(batchId)) throw new ArgumentException("BatchId must not be empty.", "BatchId");
            int bad = UnsafeCharacters.IndexOf(batchId);
            if (bad >= 0)
                throw new ArgumentException("BatchId '" + UnsafeCharacters.Show(batchId) + "' contains the control character " + UnsafeCharacters.Name(batchId![bad])
                    + " at position " + (bad + 1).ToString(CultureInfo.InvariantCulture) + "; use plain text such as 'prompts-2026-03'.", "BatchId");
            return batchId!.Trim();
        }

        /// <summary>
        /// The provider folder name, lower-cased; throws <see cref="ArgumentException"/> (ParamName <c>provider</c>)
        /// unless it is 1–64 of <c>[A-Za-z0-9._-]</c> not starting with a dot. Checked, not sanitised: it comes from code.
        /// </summary>
        public static string CheckProvider(string? provider)
        {
            bool ok = !string.IsNullOrEmpty(provider) && provider!.Length <= MaxProviderLength && provider[0] != '.';
            if (ok)
                foreach (char c in provider!)
                    if (!IsKept(c)) { ok = false; break; }
            if (!ok)
                throw new ArgumentException("provider '" + UnsafeCharacters.Show(provider) + "' must be 1 to " + MaxProviderLength.ToString(CultureInfo.InvariantCulture)
                    + " letters, digits, '.', '_' or '-', not starting with '.' (e.g. 'openai').", nameof(provider));
            return provider!.ToLowerInvariant();
        }

        /// <summary>The file name for an already checked (trimmed) batch id.</summary>
        public static string For(string batchId)
        {
            var readable = new StringBuilder(MaxReadableLength);
            foreach (char c in batchId)
            {
                if (readable.Length == MaxReadableLength) break;
                char kept = IsKept(c) ? c : '_';
                if (kept == '_' && readable.Length > 0 && readable[readable.Length - 1] == '_' && !IsKept(c)) continue;
                // A leading dot would hide the file on Unix and let '..' start the name.
                if (kept == '.' && readable.Length == 0) kept = '_';
                readable.Append(kept);
            }

            if (IsDeviceName(readable.ToString())) readable.Insert(0, '_');
            return readable + "-" + Hash(batchId) + Extension;
        }

        /// <summary>True for a character kept as is in a file name.</summary>
        private static bool IsKept(char c)
            => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';

        // Windows opens the device for CON, and also for CON.anything: the part before the first dot decides.
        private static bool IsDeviceName(string readable)
        {
            int dot = readable.IndexOf('.');
            string stem = dot < 0 ? readable : readable.Substring(0, dot);
            foreach (string device in DeviceNames)
                if (string.Equals(stem, device, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static string Hash(string batchId)
        {
            using (SHA256 sha = SHA256.Create())
                return SubmitSummary.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(batchId))).Substring(0, HashChars);
        }
    }
}
