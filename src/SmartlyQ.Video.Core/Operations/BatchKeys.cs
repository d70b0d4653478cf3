using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Deterministic idempotency keys for New-SqVideo -BatchId: SHA-256 of the batch id, the canonical request body
    /// and how many times that same body has occurred so far in this run. A runbook restarted from the beginning
    /// derives the same key for every row, so the API replays the first answer instead of charging again (within its
    /// 24 h window), while two identical rows in one batch still get two keys and two jobs.
    /// </summary>
    public sealed class BatchKeys
    {
        private readonly string _batchId;
        private readonly Dictionary<string, int> _occurrences = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>
        /// Creates the key source for one run of <paramref name="batchId"/>. Throws <see cref="ArgumentException"/>
        /// (ParamName <c>batchId</c>) when it is blank or holds a control character or line break.
        /// </summary>
        public BatchKeys(string batchId)
        {
            if (string.IsNullOrWhiteSpace(batchId)) throw new ArgumentException("BatchId must not be empty.", nameof(batchId));
            int bad = UnsafeCharacters.IndexOf(batchId);
            if (bad >= 0)
                throw new ArgumentException("BatchId '" + UnsafeCharacters.Show(batchId) + "' contains the control character " + UnsafeCharacters.Name(batchId[bad])
                    + "; use plain text such as 'prompts-2026-03'.", nameof(batchId));
            _batchId = batchId.Trim();
        }

        /// <summary>The key for the next row with this (already validated) request: <c>sqb-</c> + 40 hex digits.</summary>
        public string Next(VideoRequest request)
        {
            string body = Canonical(request);
            _occurrences.TryGetValue(body, out int seen);
            _occurrences[body] = seen + 1;
            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(_batchId + "\n" + body + "\n" + (seen + 1).ToString(CultureInfo.InvariantCulture)));
                var hex = new StringBuilder("sqb-", 44);
                for (int i = 0; i < 20; i++) hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }

        /// <summary>
        /// The request as the API receives it, in a fixed field order with invariant formatting, so the same row
        /// always gives the same text whatever the CSV's column order, spelling case or culture.
        /// </summary>
        internal static string Canonical(VideoRequest request)
        {
            var text = new StringBuilder();
            void Add(string name, string? value)
            {
                if (value != null) text.Append(name).Append('=').Append(value.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
            }

            Add("model", request.Model);
            Add("type", request.Type);
            Add("prompt", request.Prompt);
            Add("image_url", request.ImageUrl);
            Add("duration", request.Duration?.ToString(CultureInfo.InvariantCulture));
            Add("resolution", request.Resolution);
            Add("mode", request.Mode);
            Add("aspect_ratio", request.AspectRatio);
            Add("style", request.Style);
            Add("movement", request.Movement);
            Add("negative_prompt", request.NegativePrompt);
            Add("seed", request.Seed?.ToString(CultureInfo.InvariantCulture));
            Add("generate_audio", request.GenerateAudio?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant());
            Add("camera_fixed", request.CameraFixed?.ToString(CultureInfo.InvariantCulture).ToLowerInvariant());
            // Added only when given, so keys of batches without them stay what earlier versions derived.
            Add("image_path", request.ImagePath);
            foreach (KeyValuePair<string, string> option in request.Options.OrderBy(o => o.Key, StringComparer.Ordinal))
                Add("option." + option.Key, option.Value);
            return text.ToString();
        }
    }
}
