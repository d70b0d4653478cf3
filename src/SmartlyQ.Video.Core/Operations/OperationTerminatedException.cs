using System;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Thrown by an operation when the whole command must stop (e.g. no connection, 401); the cmdlet makes it a terminating error.</summary>
    public sealed class OperationTerminatedException : Exception
    {
        /// <summary>Wraps <paramref name="error"/>.</summary>
        public OperationTerminatedException(OperationError error)
            : base(error.Exception.Message, error.Exception)
        {
            Error = error;
        }

        /// <summary>The error to report.</summary>
        public OperationError Error { get; }
    }
}
