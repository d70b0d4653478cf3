using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// Builds the <see cref="HttpClientHandler"/> an <see cref="HttpTransport"/> owns when the caller gives none.
    /// On .NET Framework (Windows PowerShell 5.1) the defaults do not fit: TLS comes from
    /// <c>ServicePointManager.SecurityProtocol</c>, which for powershell.exe may lack TLS 1.2, and a handler allows
    /// 2 connections per host, which would silently cap <c>Save-SqVideo -ThrottleLimit</c> and queue polls behind
    /// downloads. Both are set on the handler, never process-wide, so other modules in the session keep their settings.
    /// On .NET (PowerShell 7) the defaults are already right and are kept: the operating system's TLS versions
    /// (1.2 and 1.3 today, later ones when they come) and no per-host connection cap.
    /// </summary>
    internal static class ClientHandlerFactory
    {
        /// <summary><c>SslProtocols.Tls13</c>, which netstandard2.0 does not name (value of .NET and .NET Framework 4.8).</summary>
        internal const SslProtocols Tls13 = (SslProtocols)12288;

        /// <summary>
        /// Connections per host on .NET Framework: the largest <c>-ThrottleLimit</c> (every download from the API's
        /// host at once) plus the tracker's concurrent polls plus room for submissions, cancels and account calls.
        /// </summary>
        internal const int NetFrameworkConnectionsPerServer = Operations.SaveVideoOptions.MaxThrottleLimit + Tracking.JobTracker.MaxConcurrentPolls + 8;

        /// <summary>True when this process runs on .NET Framework (Windows PowerShell 5.1).</summary>
        public static bool RunningOnNetFramework => IsNetFramework(RuntimeInformation.FrameworkDescription);

        /// <summary>True for a <see cref="RuntimeInformation.FrameworkDescription"/> such as ".NET Framework 4.8.9032.0".</summary>
        public static bool IsNetFramework(string? frameworkDescription)
            => frameworkDescription != null && frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>The handler for this process's runtime.</summary>
        public static HttpClientHandler Create() => Create(RunningOnNetFramework);

        /// <summary>
        /// The handler for .NET Framework (<paramref name="netFramework"/> true): TLS 1.2 and 1.3 (1.2 alone where
        /// the runtime predates 1.3) and <see cref="NetFrameworkConnectionsPerServer"/> connections per host; or for
        /// .NET: the platform defaults. Both without automatic decompression: a resumed download's <c>Range</c>
        /// counts the bytes as stored, which a transparently inflated body would not match.
        /// </summary>
        public static HttpClientHandler Create(bool netFramework)
        {
            var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
            if (!netFramework) return handler;

            handler.MaxConnectionsPerServer = NetFrameworkConnectionsPerServer;
            try
            {
                handler.SslProtocols = SslProtocols.Tls12 | Tls13;
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is ArgumentException)
            {
                // .NET Framework 4.7.x refuses the TLS 1.3 flag it does not know; TLS 1.2 is still what matters.
                handler.SslProtocols = SslProtocols.Tls12;
            }

            return handler;
        }
    }
}
