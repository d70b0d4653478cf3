namespace SmartlyQ.Video.Core.Models
{
    /// <summary>The <c>error</c> object of a failed job (<c>GET /jobs/{job_uid}</c>), e.g. <c>{"code":"JOB_FAILED","message":"…"}</c>.</summary>
    public sealed class JobError
    {
        /// <summary>Creates an error.</summary>
        public JobError(string? code, string? message)
        {
            Code = string.IsNullOrEmpty(code) ? "JOB_FAILED" : code!;
            Message = string.IsNullOrEmpty(message) ? "The job failed without a message from the API." : message!;
        }

        /// <summary>API error code, <c>JOB_FAILED</c> when the API gave none.</summary>
        public string Code { get; }

        /// <summary>Human-readable reason from the API.</summary>
        public string Message { get; }

        /// <inheritdoc />
        public override string ToString() => Code + ": " + Message;
    }
}
