using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>Connect-SmartlyQ's sink in the benchmark: nothing is shown, ShouldProcess says yes.</summary>
    internal sealed class NullSink : IOperationSink
    {
        public void WriteObject(object value)
        {
        }

        public void WriteError(OperationError error) => throw error.Exception;

        public void WriteWarning(string message)
        {
        }

        public void WriteVerbose(string message)
        {
        }

        public void WriteDebug(string message)
        {
        }

        public void WriteProgress(OperationProgress progress)
        {
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
