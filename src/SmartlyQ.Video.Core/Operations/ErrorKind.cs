namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// The category of an <see cref="OperationError"/>. Member names equal PowerShell's
    /// <c>System.Management.Automation.ErrorCategory</c> names so the cmdlet layer maps them by name.
    /// </summary>
    public enum ErrorKind
    {
        /// <summary>Nothing more specific fits.</summary>
        NotSpecified,

        /// <summary>A parameter or row value is not allowed.</summary>
        InvalidArgument,

        /// <summary>The API answered with something unusable.</summary>
        InvalidResult,

        /// <summary>The object is in the wrong state, e.g. a job that has not completed.</summary>
        InvalidOperation,

        /// <summary>The key is missing or rejected (401).</summary>
        AuthenticationError,

        /// <summary>The key lacks a scope (403).</summary>
        PermissionDenied,

        /// <summary>A job or model does not exist (404).</summary>
        ObjectNotFound,

        /// <summary>Balance too low (402).</summary>
        QuotaExceeded,

        /// <summary>Rate limit exceeded (429) after the retries.</summary>
        LimitsExceeded,

        /// <summary>Waiting took longer than -TimeoutSec.</summary>
        OperationTimeout,

        /// <summary>The server or network failed after the retries.</summary>
        ConnectionError,

        /// <summary>The job failed or was cancelled on the API side.</summary>
        OperationStopped,

        /// <summary>A file could not be written.</summary>
        WriteError,

        /// <summary>The target already exists (file without -Force, idempotency conflict).</summary>
        ResourceExists,

        /// <summary>The connection's provider does not offer the feature (e.g. no balance, no cancel).</summary>
        NotImplemented,
    }
}
