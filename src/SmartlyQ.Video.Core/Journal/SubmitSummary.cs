using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// What the journal keeps of a request when its submit starts: the model and a SHA-256 fingerprint of the
    /// prompt, enough to recognise the job in a provider's job list after a crash (same model, same prompt, created
    /// after the submit started), without writing the prompt itself to disk.
    /// </summary>
    public sealed class SubmitSummary
    {
        /// <summary>Longest model name kept, in characters.</summary>
        public const int MaxModelLength = 200;

        private SubmitSummary(string model, string promptSha256)
        {
            Model = model;
            PromptSha256 = promptSha256;
        }

        /// <summary>The model asked for, as sent (e.g. <c>sora-2</c>).</summary>
        public string Model { get; }

        /// <summary>64 lower-case hex digits: <see cref="Fingerprint"/> of the prompt sent.</summary>
        public string PromptSha256 { get; }

        /// <summary>
        /// The summary of a request for <paramref name="model"/> with <paramref name="prompt"/> (null: no prompt, as
        /// for some image-to-video requests; fingerprinted like an empty one). Throws <see cref="ArgumentException"/>
        /// (ParamName <c>model</c>) when the model is blank, longer than <see cref="MaxModelLength"/> or holds a control character.
        /// </summary>
        public static SubmitSummary For(string model, string? prompt)
            => new SubmitSummary(CheckModel(model), Fingerprint(prompt));

        /// <summary>
        /// 64 lower-case hex digits: the SHA-256 of <paramref name="prompt"/>'s exact UTF-8 bytes (null counts as
        /// empty). Nothing is trimmed or normalised: hash a listed job's prompt with this same method to compare.
        /// </summary>
        public static string Fingerprint(string? prompt)
        {
            using (SHA256 sha = SHA256.Create())
                return Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(prompt ?? "")));
        }

        /// <summary>
        /// True when a listed job with <paramref name="model"/> and <paramref name="prompt"/> may be this request's job:
        /// the model equal ignoring case (providers echo it in their own spelling), the prompt fingerprint equal.
        /// The caller still checks the job was created after the submit started.
        /// </summary>
        public bool Matches(string? model, string? prompt)
            => string.Equals(Model, model, StringComparison.OrdinalIgnoreCase)
               && string.Equals(PromptSha256, Fingerprint(prompt), StringComparison.Ordinal);

        /// <summary>Rebuilds a summary read from a journal line; null when the fields are not a valid summary.</summary>
        internal static SubmitSummary? TryRead(string? model, string? promptSha256)
        {
            if (model == null || promptSha256 == null || ModelProblem(model) != null || !IsSha256Hex(promptSha256)) return null;
            return new SubmitSummary(model, promptSha256);
        }

        /// <summary>True for exactly 64 lower-case hex digits.</summary>
        internal static bool IsSha256Hex(string value)
        {
            if (value.Length != 64) return false;
            foreach (char c in value)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            return true;
        }

        internal static string Hex(byte[] bytes)
        {
            var hex = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        private static string CheckModel(string model)
        {
            string? problem = ModelProblem(model);
            if (problem != null) throw new ArgumentException(problem, nameof(model));
            return model;
        }

        private static string? ModelProblem(string? model)
        {
            if (string.IsNullOrWhiteSpace(model)) return "model must not be empty.";
            if (model!.Length > MaxModelLength)
                return "model is " + model.Length.ToString(CultureInfo.InvariantCulture) + " characters long; at most " + MaxModelLength.ToString(CultureInfo.InvariantCulture) + " are kept.";
            int bad = Validation.UnsafeCharacters.IndexOf(model);
            return bad < 0 ? null
                : "model '" + Validation.UnsafeCharacters.Show(model) + "' contains the control character " + Validation.UnsafeCharacters.Name(model[bad]) + ".";
        }
    }
}
