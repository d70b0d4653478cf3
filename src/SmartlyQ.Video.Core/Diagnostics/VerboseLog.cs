using System;
using System.Threading;

namespace SmartlyQ.Video.Core.Diagnostics
{
    /// <summary>
    /// Routes the HTTP client's log lines (retries) to whichever operation is running now. A connection outlives
    /// the Connect-SmartlyQ call that made it, so its client cannot hold one cmdlet's sink; instead each operation
    /// installs its own writer for the duration of its async flow.
    /// </summary>
    internal static class VerboseLog
    {
        private static readonly AsyncLocal<Action<string>?> Current = new AsyncLocal<Action<string>?>();

        /// <summary>Sends <paramref name="line"/> to the current operation's verbose stream, if any.</summary>
        public static void Write(string line) => Current.Value?.Invoke(line);

        /// <summary>Makes <paramref name="writer"/> receive lines in this async flow until the result is disposed.</summary>
        public static IDisposable Use(Action<string> writer)
        {
            Action<string>? previous = Current.Value;
            Current.Value = writer;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly Action<string>? _previous;

            public Restore(Action<string>? previous) => _previous = previous;

            public void Dispose() => Current.Value = _previous;
        }
    }
}
