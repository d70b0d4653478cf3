using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Download
{
    /// <summary>A sandbox serving the download benchmark's file: in this process, or in a child process of its own.</summary>
    internal abstract class DownloadServer : IAsyncDisposable
    {
        public const string Key = "sqk_live_benchmark_000000000000000000";

        public abstract string Name { get; }
        public abstract bool InProcess { get; }
        public abstract Uri BaseUri { get; }
        public abstract Task<long> LengthAsync(string jobUid, Uri videoUrl);
        public abstract Task<string> Sha256Async(string jobUid);
        public abstract ValueTask DisposeAsync();

        public static async Task<DownloadServer> StartAsync(bool inProcess, long size, CancellationToken ct)
            => inProcess ? await InProcessServer.StartAsync(size, ct) : await ChildProcessServer.StartAsync(size, ct);

        private sealed class InProcessServer : DownloadServer
        {
            private readonly SandboxServer _server;

            private InProcessServer(SandboxServer server) => _server = server;

            public override string Name => "in-process sandbox";
            public override bool InProcess => true;
            public override Uri BaseUri => _server.BaseUri;

            public static async Task<DownloadServer> StartAsync(long size, CancellationToken ct)
                => new InProcessServer(await SandboxServer.StartAsync(new SandboxOptions
                {
                    Keys = new List<SandboxKey> { new SandboxKey { Key = Key, Scopes = new List<string> { "*" }, Balance = 1000m } },
                    RateLimitPermits = 100_000,
                    QueuedDuration = TimeSpan.Zero,
                    ProcessingDuration = TimeSpan.Zero,
                    VideoSizeBytes = size,
                }, cancellationToken: ct));

            public override Task<long> LengthAsync(string jobUid, Uri videoUrl) => Task.FromResult(_server.GetVideoLength(jobUid));
            public override Task<string> Sha256Async(string jobUid) => Task.FromResult(_server.GetVideoSha256(jobUid));
            public override ValueTask DisposeAsync() => _server.DisposeAsync();
        }

        /// <summary>
        /// The sandbox's console host (copied next to the harness as a project reference) in a child process, so the
        /// bench process holds only the client: the server's threads and memory are not shared with it, as with curl.
        /// </summary>
        private sealed class ChildProcessServer : DownloadServer
        {
            private static readonly Regex Listening = new Regex(@"listening on (http://\S+?)/v1\s*$", RegexOptions.CultureInvariant);
            private readonly Process _process;
            private readonly HttpClient _http = new HttpClient();
            private readonly Uri _baseUri;

            private ChildProcessServer(Process process, Uri baseUri)
            {
                _process = process;
                _baseUri = baseUri;
            }

            public override string Name => "sandbox in its own process";
            public override bool InProcess => false;
            public override Uri BaseUri => _baseUri;

            public static async Task<DownloadServer> StartAsync(long size, CancellationToken ct)
            {
                string directory = AppContext.BaseDirectory;
                string apphost = Path.Combine(directory, OperatingSystem.IsWindows() ? "SmartlyQ.Video.Sandbox.exe" : "SmartlyQ.Video.Sandbox");
                ProcessStartInfo start = File.Exists(apphost)
                    ? new ProcessStartInfo(apphost)
                    : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { Path.Combine(directory, "SmartlyQ.Video.Sandbox.dll") } };
                start.UseShellExecute = false;
                start.RedirectStandardOutput = true;
                start.RedirectStandardError = true;
                start.WorkingDirectory = directory;
                foreach (string arg in new[]
                {
                    "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
                    "--Sandbox:Keys:0:Key=" + Key, "--Sandbox:Keys:0:Balance=1000", "--Sandbox:RateLimitPermits=100000",
                    "--Sandbox:QueuedDuration=00:00:00", "--Sandbox:ProcessingDuration=00:00:00", "--Sandbox:VideoSizeBytes=" + size,
                })
                    start.ArgumentList.Add(arg);

                Process process = Process.Start(start) ?? throw new InvalidOperationException("the sandbox process did not start");
                var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
                process.OutputDataReceived += (_, e) =>
                {
                    Match match = e.Data == null ? Match.Empty : Listening.Match(e.Data);
                    if (match.Success) address.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/v1"));
                };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => address.TrySetException(new InvalidOperationException("the sandbox process exited before listening")), TaskScheduler.Default);
                try
                {
                    Uri baseUri = await address.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
                    return new ChildProcessServer(process, baseUri);
                }
                catch
                {
                    Stop(process);
                    throw;
                }
            }

            public override async Task<long> LengthAsync(string jobUid, Uri videoUrl)
            {
                using var head = new HttpRequestMessage(HttpMethod.Head, videoUrl);
                using HttpResponseMessage response = await _http.SendAsync(head);
                response.EnsureSuccessStatusCode();
                return response.Content.Headers.ContentLength ?? -1;
            }

            public override async Task<string> Sha256Async(string jobUid)
            {
                var root = new Uri(_baseUri.AbsoluteUri.Substring(0, _baseUri.AbsoluteUri.Length - "v1".Length));
                using JsonDocument body = JsonDocument.Parse(await _http.GetStringAsync(new Uri(root, "sandbox/files/" + jobUid + "/sha256")));
                return body.RootElement.GetProperty("sha256").GetString() ?? "";
            }

            public override ValueTask DisposeAsync()
            {
                _http.Dispose();
                Stop(_process);
                return ValueTask.CompletedTask;
            }

            private static void Stop(Process process)
            {
                try
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
                catch (InvalidOperationException)
                {
                }
                process.Dispose();
            }
        }
    }
}
