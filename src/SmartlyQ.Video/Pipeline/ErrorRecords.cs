using System;
using System.Management.Automation;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>The one place an <see cref="OperationError"/> becomes an <see cref="ErrorRecord"/>.</summary>
    internal static class ErrorRecords
    {
        /// <summary>
        /// ErrorId and TargetObject as given; the category by name (<see cref="ErrorKind"/> mirrors
        /// <see cref="ErrorCategory"/>); ErrorDetails carries the message with the API request id, which support
        /// needs, and the recommended action.
        /// </summary>
        public static ErrorRecord From(OperationError error)
        {
            if (!Enum.TryParse(error.Category.ToString(), out ErrorCategory category))
                category = ErrorCategory.NotSpecified;

            var record = new ErrorRecord(error.Exception, error.ErrorId, category, error.TargetObject);
            string message = error.Exception.Message;
            if (!string.IsNullOrEmpty(error.RequestId))
                message += " (request id " + error.RequestId + ")";
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = error.RecommendedAction };
            return record;
        }
    }
}
