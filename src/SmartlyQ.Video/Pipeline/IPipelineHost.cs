using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>
    /// What the pump executes on the pipeline thread: the running cmdlet, seen without PowerShell types so the
    /// pump can be tested without a PowerShell engine.
    /// </summary>
    internal interface IPipelineHost
    {
        /// <summary>False when verbose lines would be dropped anyway (no -Verbose, $VerbosePreference SilentlyContinue): the sink does not queue them.</summary>
        bool VerboseWanted { get; }

        /// <summary>As <see cref="VerboseWanted"/> for debug lines (-Debug, $DebugPreference).</summary>
        bool DebugWanted { get; }

        void WriteObject(object value);

        void WriteError(OperationError error);

        void WriteWarning(string message);

        void WriteVerbose(string message);

        void WriteDebug(string message);

        void WriteProgress(OperationProgress progress);

        bool ShouldProcess(string target, string action);
    }
}
