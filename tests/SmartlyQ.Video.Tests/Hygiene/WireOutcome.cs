using System;
using System.Collections.Generic;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>What one corpus input produced: the errors the operation wrote, or what it threw.</summary>
    public sealed class WireOutcome
    {
        public List<OperationError> Errors { get; } = new List<OperationError>();

        /// <summary>A terminating error (ArgumentException, OperationTerminatedException, UriFormatException).</summary>
        public Exception? Thrown { get; set; }

        /// <summary>Objects written (jobs, files) by the valid rows around the input.</summary>
        public int Written { get; set; }
    }
}
