using System.Threading;
using System.Threading.Tasks;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Where an operation sends what a cmdlet would write. The cmdlet implements it by marshalling each call
    /// to the pipeline thread; tests fake it. Methods may be called from any thread.
    /// </summary>
    public interface IOperationSink
    {
        /// <summary>An object for the output pipeline.</summary>
        void WriteObject(object value);

        /// <summary>A non-terminating error: this record failed, the next one goes on.</summary>
        void WriteError(OperationError error);

        /// <summary>A warning, e.g. a file skipped because it exists.</summary>
        void WriteWarning(string message);

        /// <summary>A verbose line (never contains a secret).</summary>
        void WriteVerbose(string message);

        /// <summary>A debug line, e.g. an HTTP request's headers (never contains a secret: Authorization is redacted).</summary>
        void WriteDebug(string message);

        /// <summary>A progress update.</summary>
        void WriteProgress(OperationProgress progress);

        /// <summary>
        /// Asks ShouldProcess (-WhatIf/-Confirm) whether to do <paramref name="action"/> on <paramref name="target"/>;
        /// false means skip it and send nothing.
        /// </summary>
        Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken);
    }
}
