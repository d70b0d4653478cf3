using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;
using SmartlyQ.Video.Sandbox.Providers;

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

        /// <summary>Built-in OpenAI key (<c>Authorization: Bearer</c> on <c>/openai/v1</c>); OpenAI has no wallet, usage is only recorded.</summary>
        public const string OpenAIKey = "sk-sandbox-openai-00000000000000000000";

        /// <summary>Built-in NanoGPT key (<c>x-api-key</c> or <c>Authorization: Bearer</c> on <c>/nanogpt/api</c>), 100 USD.</summary>
        public const string NanoGptKey = "sk-nano-00000000-0000-4000-8000-000000000000";

        /// <summary>Built-in new-api gateway key (<c>Authorization: Bearer</c> on <c>/newapi</c>: the task endpoint, Kling and Jimeng alike).</summary>
        public const string NewApiKey = "sk-sandbox-newapi-00000000000000000000";

        /// <summary>Built-in A4F key (<c>Authorization: Bearer</c> on <c>/a4f/v1</c>): <c>ddc-a4f-</c> and 32 hex digits.</summary>
        public const string A4FKey = "ddc-a4f-00000000000000000000000000000000";

        private readonly WebApplication _app;
        private readonly VideoFiles _files;
        private readonly JobStore _jobs;

        private SandboxServer(WebApplication app, Uri rootUri)
        {
            _app = app;
            RootUri = rootUri;
            BaseUri = new Uri(rootUri, SandboxApp.ApiPrefix.TrimStart('/'));
            Ledger = app.Services.GetRequiredService<SandboxLedger>();
            Chaos = app.Services.GetRequiredService<SandboxChaos>();
            _files = app.Services.GetRequiredService<VideoFiles>();
            _jobs = app.Services.GetRequiredService<JobStore>();
            Stats = app.Services.GetRequiredService<SandboxStats>();
            Downloads = app.Services.GetRequiredService<SandboxDownloadStats>();
            Providers = ProviderEndpoints.Describe(rootUri, app.Services.GetRequiredService<ApiKeyRegistry>());
        }

        /// <summary>Server root with trailing slash, e.g. <c>http://127.0.0.1:43123/</c>; video files live under <c>files/</c>.</summary>
        public Uri RootUri { get; }

        /// <summary>SmartlyQ's API base, <see cref="RootUri"/> + <c>v1</c> (no trailing slash); same as <c>ProviderBaseUri("SmartlyQ")</c>.</summary>
        public Uri BaseUri { get; }

        /// <summary>Every emulated API with its base URI and a key, as <c>GET /sandbox/providers</c> lists them (SmartlyQ first).</summary>
        public IReadOnlyList<SandboxProvider> Providers { get; }

        /// <summary>
        /// The base URI a client of <paramref name="provider"/> (<see cref="SandboxProviderNames"/>, case-insensitive) takes,
        /// e.g. <c>http://127.0.0.1:43123/openai/v1</c> for OpenAI. Unknown name: <see cref="ArgumentException"/>.
        /// </summary>
        public Uri ProviderBaseUri(string provider) =>
            Providers.FirstOrDefault(p => string.Equals(p.Name, provider, StringComparison.OrdinalIgnoreCase))?.BaseUri
            ?? throw new ArgumentException($"No provider '{provider}'; the sandbox emulates: {string.Join(", ", Providers.Select(p => p.Name))}.", nameof(provider));

        /// <summary>The charges and refunds, same data as <c>GET /sandbox/ledger</c>.</summary>
        public SandboxLedger Ledger { get; }

        /// <summary>
        /// Fault injection of this server: settings (changeable while it runs, e.g. a batch with faults, then
        /// <see cref="SandboxChaos.Disable"/> and the same batch again) and counters of injected faults.
        /// </summary>
        public SandboxChaos Chaos { get; }

        /// <summary>
        /// Requests answered per API key and route group, and the 429s sent, counted as they leave the server (for
        /// benchmarks: requests per video and rate-limit hits seen from the server's side).
        /// </summary>
        public SandboxStats Stats { get; }

        /// <summary>What the file route sent: answers, how many continued a file with Range, bytes sent and bytes not sent again (<c>GET /sandbox/downloads</c>).</summary>
        public SandboxDownloadStats Downloads { get; }

        /// <summary>Replaces the fault injection settings for the following requests; same as <c>Chaos.Set(options)</c>.</summary>
        public void SetChaos(ChaosOptions options) => Chaos.Set(options);

        /// <summary>
        /// Lowercase hex SHA-256 of the complete file <c>/files/{jobUid}.mp4</c> serves (known as soon as the job
        /// exists). Unknown job: <see cref="KeyNotFoundException"/>.
        /// </summary>
        public string GetVideoSha256(string jobUid) => _files.Sha256(jobUid);

        /// <summary>Length in bytes of the complete file (the Content-Length of a full download). Unknown job: <see cref="KeyNotFoundException"/>.</summary>
        public long GetVideoLength(string jobUid) => _files.Length(jobUid);

        /// <summary>The exact bytes of the job's complete file as a read-only seekable stream (generated on the fly). Unknown job: <see cref="KeyNotFoundException"/>.</summary>
        public Stream OpenVideo(string jobUid) => _files.Open(jobUid);

        /// <summary>
        /// The job's creation, processing start and finish times (its duration comes from <see cref="SandboxOptions.QueuedDuration"/>,
        /// <see cref="SandboxOptions.ProcessingDuration"/> and <see cref="SandboxOptions.ProcessingDurationMax"/>).
        /// Unknown job: <see cref="KeyNotFoundException"/>.
        /// </summary>
        public SandboxJobTimeline GetJobTimeline(string jobUid)
        {
            if (jobUid == null || !_jobs.TryGet(jobUid, out var job)) throw new KeyNotFoundException($"Job '{jobUid}' does not exist in this sandbox.");
            return new SandboxJobTimeline(job.Id, job.CreatedAt, job.ProcessingAt, job.FinishedAt);
        }

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
