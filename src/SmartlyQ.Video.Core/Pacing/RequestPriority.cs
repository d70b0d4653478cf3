namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// Which requests a <see cref="RequestPacer"/> serves first when the key's budget is short. A freed permit goes
    /// to the oldest waiting request of the highest class; within a class requests go in arrival order.
    /// </summary>
    internal enum RequestPriority
    {
        /// <summary>
        /// <c>POST /videos/generate</c> and <c>POST /jobs/{id}/cancel</c>: what the user is waiting to start (or stop).
        /// Served first.
        /// </summary>
        Submission = 0,

        /// <summary>
        /// Account and model calls (<c>GET /me</c>, <c>/me/balance</c>, <c>/videos/models</c>) and downloads of video
        /// URLs on the API's origin (they carry the key): served after waiting submissions.
        /// </summary>
        Normal = 1,

        /// <summary>
        /// <c>GET /jobs</c> and <c>GET /jobs/{id}</c>: served only when no submission or normal request waits, and
        /// while submissions are busy at most <see cref="RequestPacer.PollShare"/> per window.
        /// </summary>
        Poll = 2,

        /// <summary>
        /// A request that does not spend the key's budget (a video URL on another host, sent without the key): sent
        /// at once, its answer does not correct the pacer (only a 429 is counted).
        /// </summary>
        Unpaced = 3,
    }
}
