using System;

namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// The on-disk record of one local A4F job (<c>&lt;id&gt;.json</c> in <see cref="A4FJobStore"/>): what was asked,
    /// where the synchronous request stands, and which process and client instance runs it, so that another process
    /// (or a later run) can tell a finished video, a request still in flight elsewhere, and one whose process died
    /// mid-request (uncertain: A4F may have charged it).
    /// </summary>
    internal sealed class A4FLocalJob
    {
        /// <summary><c>a4f_</c> and 32 hex digits.</summary>
        public string Id { get; set; } = "";

        /// <summary>The API root the request went to.</summary>
        public string? BaseUri { get; set; }

        public string? Model { get; set; }

        public string? Prompt { get; set; }

        public int? Duration { get; set; }

        public string? Quality { get; set; }

        public string? Ratio { get; set; }

        /// <summary><see cref="A4FLocalStatus"/> as text.</summary>
        public string Status { get; set; } = A4FLocalStatus.Queued;

        public string? ErrorCode { get; set; }

        public string? ErrorMessage { get; set; }

        /// <summary><c>data[0].url</c> when the answer gave a URL instead of the video (older API versions); absolute http(s).</summary>
        public string? VideoUrl { get; set; }

        /// <summary>Bytes of the finished video file.</summary>
        public long? VideoBytes { get; set; }

        /// <summary><c>data[0].revised_prompt</c>.</summary>
        public string? RevisedPrompt { get; set; }

        public string? RequestId { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>The owning process's id.</summary>
        public int OwnerProcessId { get; set; }

        /// <summary>The owning process's start time (UTC), so a reused process id is not taken for the owner.</summary>
        public DateTimeOffset? OwnerProcessStartedAt { get; set; }

        /// <summary>The owning client instance (a GUID), for clients of one process that come and go.</summary>
        public string? OwnerInstance { get; set; }

        /// <summary>A copy (every member is a value or an immutable string).</summary>
        public A4FLocalJob Clone() => (A4FLocalJob)MemberwiseClone();
    }
}
