using System;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>One error for the cmdlet to turn into an ErrorRecord.</summary>
    public sealed class OperationError
    {
        /// <summary>Creates an error.</summary>
        public OperationError(Exception exception, string errorId, ErrorKind category, object? targetObject, string? requestId = null, string? recommendedAction = null)
        {
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
            ErrorId = errorId;
            Category = category;
            TargetObject = targetObject;
            RequestId = requestId;
            RecommendedAction = recommendedAction;
        }

        /// <summary>The cause; its message is what the user reads.</summary>
        public Exception Exception { get; }

        /// <summary>Stable id, from the API's error code where there is one (e.g. <c>VALIDATION_ERROR</c>).</summary>
        public string ErrorId { get; }

        /// <summary>The error's category.</summary>
        public ErrorKind Category { get; }

        /// <summary>The input record (CSV row, job) that failed.</summary>
        public object? TargetObject { get; }

        /// <summary>The API's <c>meta.request_id</c>, when an answer was received.</summary>
        public string? RequestId { get; }

        /// <summary>What the user can do about it.</summary>
        public string? RecommendedAction { get; }
    }
}
