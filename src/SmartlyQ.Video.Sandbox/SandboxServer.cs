using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// An in-process sandbox on real Kestrel (loopback, free port by default), for tests and benchmarks.
    /// Dispose to stop it.
    /// </summary>
    public sealed class SandboxServer : IAsyncDisposable
    {
        /// <summary>Built-in live key: all scopes, 100 SQC, debited per job.</summary>
        public const string LiveKey = "sqk_live_sandbox_00000000000000000000";

        /// <summary>Built-in test key: all scopes, every charge is 0.0000.</summary>
        public const string TestKey = "sqk_test_sandbox_00000000000000000000";

        private readonly WebApplication _app;

        private SandboxServer(WebApplication app, Uri rootUri)
        {
            _app = app;
            RootUri = rootUri;
            BaseUri = new Uri(rootUri, SandboxApp.ApiPrefix.TrimStart('/'));
            Ledger = app.Services.GetRequiredService<SandboxLedger>();
        }

        /// <summary>Server root with trailing slash, e.g. <c>http://127.0.0.1:43123/</c>; video files live under <c>files/</c>.</summary>
        public Uri RootUri { get; }

        /// <summary>API base, <see cref="RootUri"/> + <c>v1</c> (no trailing slash).</summary>
        public Uri BaseUri { get; }

        /// <summary>The charges and refunds, same data as <c>GET /sandbox/ledger</c>.</summary>
        public SandboxLedger Ledger { get; }

        /// <summary>Starts a sandbox listening on <paramref name="url"/> (port 0 = any free port).</summary>
        public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, string url = "http://127.0.0.1:0", CancellationToken cancellationToken = default)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.WebHost.UseUrls(url);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);

            var app = SandboxApp.Build(builder, options ?? new SandboxOptions());
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                return new SandboxServer(app, new Uri(address.TrimEnd('/') + "/"));
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>Stops the server and releases the port.</summary>
        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
