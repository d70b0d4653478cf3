using System.Reflection;
using SmartlyQ.Video.Core.Api;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Bench
{
    /// <summary>
    /// Members the module is gaining while this harness is written (concurrent Save-SqVideo downloads, client pacing
    /// statistics), looked up by name so the harness builds and measures whichever version of Core it is built with.
    /// Everything else is called directly through the public API.
    /// </summary>
    internal static class OptionalApi
    {
        /// <summary>Save-SqVideo's EndProcessing (<c>SaveVideoOperation.CompleteAsync(sink, token)</c>), when the operation has one.</summary>
        public static Func<IOperationSink, CancellationToken, Task>? SaveComplete(SaveVideoOperation save)
        {
            MethodInfo? method = typeof(SaveVideoOperation).GetMethod("CompleteAsync", BindingFlags.Public | BindingFlags.Instance, new[] { typeof(IOperationSink), typeof(CancellationToken) });
            if (method == null || !typeof(Task).IsAssignableFrom(method.ReturnType)) return null;
            return (sink, token) => (Task)method.Invoke(save, new object[] { sink, token })!;
        }

        public static void DisposeIfDisposable(object value)
        {
            if (value is IDisposable disposable) disposable.Dispose();
        }

        /// <summary>A public <see cref="long"/> property of <see cref="ClientStatistics"/> by name, or null when this Core has none.</summary>
        public static long? Statistic(ClientStatistics statistics, string name)
        {
            PropertyInfo? property = typeof(ClientStatistics).GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            return property != null && property.PropertyType == typeof(long) ? (long)property.GetValue(statistics)! : null;
        }

        /// <summary>429 answers the client received: <c>RateLimited429Received</c> where it exists, else the retries after 429.</summary>
        public static (long Count, string Source) Received429(ClientStatistics statistics)
            => Statistic(statistics, "RateLimited429Received") is long received
                ? (received, "ClientStatistics.RateLimited429Received")
                : (statistics.RateLimited429Retries, "ClientStatistics.RateLimited429Retries");
    }
}
