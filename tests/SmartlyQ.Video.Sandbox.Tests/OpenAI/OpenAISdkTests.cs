using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Sandbox.Tests.Infrastructure;
using Xunit;

namespace SmartlyQ.Video.Sandbox.Tests.OpenAI
{
    /// <summary>
    /// The official <c>openai</c> npm package (pinned in OpenAISdk/package.json), unchanged, pointed at the emulator's
    /// base URI: create (multipart with an uploaded image), poll, list with auto-pagination, download, remix, delete and
    /// its typed errors all work. Needs Node and npm; without them the test fails, it never skips.
    /// </summary>
    public class OpenAISdkTests
    {
        private static readonly SemaphoreSlim InstallGate = new SemaphoreSlim(1, 1);
        private static bool _installed;

        private static string SdkFolder => Path.Combine(SharedApiFiles.RepositoryRoot(), "tests", "SmartlyQ.Video.Sandbox.Tests", "OpenAISdk");

        [Fact]
        public async Task The_official_OpenAI_Node_SDK_works_unchanged_against_the_emulator()
        {
            await EnsureInstalledAsync();
            await using var sandbox = await TestSandbox.StartAsync(o =>
            {
                o.QueuedDuration = TimeSpan.FromMilliseconds(100);
                o.ProcessingDuration = TimeSpan.FromMilliseconds(300);
                o.OpenAI.PollAfterMs = 50;
            });
            var baseUri = sandbox.Server.ProviderBaseUri(SandboxProviderNames.OpenAI).ToString();

            var (exit, stdout, stderr) = await RunAsync("node", new[] { "script.mjs", baseUri, SandboxServer.OpenAIKey }, TimeSpan.FromSeconds(90));

            Assert.True(exit == 0, $"node script.mjs exited with {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
            var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
            using var document = JsonDocument.Parse(line);
            var seen = document.RootElement;

            var created = seen.GetProperty("created");
            var id = created.GetProperty("id").GetString()!;
            Assert.Matches("^video_[0-9a-f]{48}$", id);
            Assert.Equal("video", created.GetProperty("object").GetString());
            Assert.Equal("queued", created.GetProperty("status").GetString());
            Assert.Equal("1280x720", created.GetProperty("size").GetString());
            Assert.StartsWith("req_", seen.GetProperty("createRequestId").GetString());
            Assert.Equal("completed", seen.GetProperty("statuses").EnumerateArray().Last().GetString());

            var final = seen.GetProperty("final");
            Assert.Equal(100, final.GetProperty("progress").GetInt32());
            Assert.Equal(final.GetProperty("completedAt").GetInt64() + 3600, final.GetProperty("expiresAt").GetInt64());

            // Two videos, one per page, oldest first; the newest page says there is more.
            var listed = seen.GetProperty("listed").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(2, listed.Count);
            Assert.Equal(id, listed[0]);
            var firstPage = seen.GetProperty("firstPage");
            Assert.Equal(listed[1], firstPage.GetProperty("ids").EnumerateArray().Single().GetString());
            Assert.True(firstPage.GetProperty("hasMore").GetBoolean());
            Assert.True(firstPage.GetProperty("hasNextPage").GetBoolean());

            var content = seen.GetProperty("content");
            Assert.Equal("video/mp4", content.GetProperty("type").GetString());
            Assert.Equal(sandbox.Server.GetVideoLength(id), content.GetProperty("length").GetInt64());
            Assert.Equal(sandbox.Server.GetVideoSha256(id), content.GetProperty("sha256").GetString());
            Assert.Equal("image/webp", seen.GetProperty("thumbnailType").GetString());

            var remix = seen.GetProperty("remix");
            Assert.Equal(id, remix.GetProperty("remixedFrom").GetString());
            Assert.Equal("completed", remix.GetProperty("status").GetString());

            var deleted = seen.GetProperty("deleted");
            Assert.Equal(listed[1], deleted.GetProperty("id").GetString());
            Assert.Equal("video.deleted", deleted.GetProperty("object").GetString());
            Assert.True(deleted.GetProperty("deleted").GetBoolean());

            var notFound = seen.GetProperty("notFound");
            Assert.True(notFound.GetProperty("isNotFoundError").GetBoolean(), notFound.GetRawText());
            Assert.Equal(404, notFound.GetProperty("status").GetInt32());
            Assert.Equal("video_not_found", notFound.GetProperty("code").GetString());
            Assert.Equal("invalid_request_error", notFound.GetProperty("type").GetString());
            Assert.StartsWith("req_", notFound.GetProperty("requestId").GetString());

            var badRequest = seen.GetProperty("badRequest");
            Assert.True(badRequest.GetProperty("isBadRequestError").GetBoolean(), badRequest.GetRawText());
            Assert.Equal("invalid_value", badRequest.GetProperty("code").GetString());
            Assert.Equal("seconds", badRequest.GetProperty("param").GetString());

            // The server saw the same: three videos made through the key (two creates and the remix), each charged once.
            Assert.Equal(3, sandbox.Server.Ledger.Find(provider: SandboxProviderNames.OpenAI).Count);
            Assert.Equal(4, sandbox.Server.Stats.ForKey(SandboxServer.OpenAIKey).Group("generate"));
        }

        /// <summary><c>npm ci</c> once per test run, unless node_modules already holds the pinned version.</summary>
        private static async Task EnsureInstalledAsync()
        {
            await InstallGate.WaitAsync();
            try
            {
                if (_installed) return;
                using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SdkFolder, "package.json")));
                var pinned = manifest.RootElement.GetProperty("dependencies").GetProperty("openai").GetString();
                var installedManifest = Path.Combine(SdkFolder, "node_modules", "openai", "package.json");
                var installed = File.Exists(installedManifest)
                    ? JsonDocument.Parse(await File.ReadAllTextAsync(installedManifest)).RootElement.GetProperty("version").GetString()
                    : null;
                if (installed != pinned)
                {
                    var (exit, stdout, stderr) = await RunAsync("npm", new[] { "ci", "--no-audit", "--no-fund" }, TimeSpan.FromMinutes(3));
                    Assert.True(exit == 0, $"npm ci exited with {exit}\nstdout:\n{stdout}\nstderr:\n{stderr}");
                }
                _installed = true;
            }
            finally
            {
                InstallGate.Release();
            }
        }

        private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string program, string[] arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(program)
            {
                WorkingDirectory = SdkFolder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["NO_UPDATE_NOTIFIER"] = "1";

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start.");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException($"'{program}' could not be started ({ex.Message}): Node.js 20+ with npm must be on PATH for this test.", ex);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var cancel = new CancellationTokenSource(timeout);
                try
                {
                    await process.WaitForExitAsync(cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"{program} {string.Join(" ", arguments)} did not finish within {timeout}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
                }
                return (process.ExitCode, await stdout, await stderr);
            }
        }
    }
}
