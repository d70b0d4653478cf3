using System;
using System.Threading;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Core.Diagnostics
{
    /// <summary>
    /// Routes the HTTP client's log lines (the per-request trace, retries, resumes) to whichever operation is running
    /// now: verbose lines to its -Verbose stream, debug lines (request and response headers) to its -Debug stream. A
    /// connection outlives the Connect-SmartlyQ call that made it, so its client cannot hold one cmdlet's sink; instead
    /// each operation installs its own writers for the duration of its async flow.
    /// </summary>
    internal static class VerboseLog
    {
        private static readonly AsyncLocal<Writers?> Current = new AsyncLocal<Writers?>();

        /// <summary>Sends <paramref name="line"/> to the current operation's verbose stream, if any.</summary>
        public static void Write(string line) => Current.Value?.Verbose(line);

        /// <summary>Sends <paramref name="line"/> to the current operation's debug stream, if any.</summary>
        public static void WriteDebug(string line) => Current.Value?.Debug?.Invoke(line);

        /// <summary>Makes <paramref name="sink"/>'s verbose and debug streams receive lines in this async flow until the result is disposed.</summary>
        public static IDisposable Use(IOperationSink sink) => Use(sink.WriteVerbose, sink.WriteDebug);

        /// <summary>
        /// Makes <paramref name="verbose"/> (and <paramref name="debug"/>, when given) receive lines in this async flow
        /// until the result is disposed.
        /// </summary>
        public static IDisposable Use(Action<string> verbose, Action<string>? debug = null)
        {
            Writers? previous = Current.Value;
            Current.Value = new Writers(verbose, debug);
            return new Restore(previous);
        }

        private sealed class Writers
        {
            public Writers(Action<string> verbose, Action<string>? debug)
            {
                Verbose = verbose;
                Debug = debug;
            }

            public Action<string> Verbose { get; }

            public Action<string>? Debug { get; }
        }

        private sealed class Restore : IDisposable
        {
            private readonly Writers? _previous;

            public Restore(Writers? previous) => _previous = previous;

            public void Dispose() => Current.Value = _previous;
        }
    }
}
