using System;
using System.Linq;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Checks a job uid given by the user before it goes into a URL path.</summary>
    public static class JobUids
    {
        private const int MaxLength = 128;

        /// <summary>
        /// Returns the trimmed uid; throws <see cref="ArgumentException"/> naming <c>JobUid</c> when it is empty, too
        /// long, or has characters other than letters, digits, <c>_</c> and <c>-</c> (a uid looks like <c>job_a1b2c3d4e5f6</c>;
        /// so no <c>/</c>, <c>?</c>, <c>..</c> or control character can reach the URL). The message shows control characters escaped.
        /// </summary>
        public static string Validate(string? jobUid)
        {
            string uid = (jobUid ?? "").Trim();
            if (uid.Length == 0)
                throw new ArgumentException("JobUid is empty; a job uid looks like job_a1b2c3d4e5f6 (New-SqVideo writes it).", "JobUid");
            if (uid.Length > MaxLength || !uid.All(c => c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-')))
                throw new ArgumentException("JobUid '" + UnsafeCharacters.Show(uid, 256) + "' is malformed: a job uid has only letters, digits, '_' and '-', like job_a1b2c3d4e5f6.", "JobUid");
            return uid;
        }
    }
}
