using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>
    /// Life-cycle state of an async job in neutral terms. Each provider maps its own words to one of these
    /// (SmartlyQ <c>processing</c> → <see cref="Running"/>, OpenAI <c>completed</c> → <see cref="Succeeded"/>,
    /// NanoGPT <c>IN_PROGRESS</c> → <see cref="Running"/>) and keeps the raw word as <see cref="JobSnapshot.ProviderStatus"/>.
    /// </summary>
    public enum JobStatus
    {
        /// <summary>A status word the provider's mapping does not know, or not polled yet; treated as still running.</summary>
        Unknown = 0,

        /// <summary>Accepted, not started.</summary>
        Queued,

        /// <summary>The provider is generating the video.</summary>
        Running,

        /// <summary>Finished; the video can be downloaded.</summary>
        Succeeded,

        /// <summary>Finished without a video; the job's error says why.</summary>
        Failed,

        /// <summary>Cancelled (Stop-SqJob, or by the provider).</summary>
        Cancelled,
    }
}
