using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SmartlyQ.Video.Bench.Pwsh
{
    /// <summary>What one pwsh child process did: its result JSON, the lines it wrote, and the harness's view of its time.</summary>
    internal sealed class PwshProcessResult
    {
        public int ExitCode { get; set; }
        public JsonElement? Result { get; set; }
        public string Stderr { get; set; } = "";
        public List<string> OtherStdout { get; } = new List<string>();

        /// <summary>"What if:" lines on stdout, per pass (after each <c>SQBENCH-PASS n</c> marker).</summary>
        public List<int> WhatIfLinesPerPass { get; } = new List<int>();

        /// <summary>Harness clock: Process.Start → the script's first statement (its <c>scriptStartedUnixMs</c>).</summary>
        public TimeSpan? StartToScript { get; set; }

        /// <summary>Harness clock: Process.Start → the process has exited.</summary>
        public TimeSpan Wall { get; set; }

        public string? Problem
        {
            get
            {
                if (Result is not JsonElement r) return "pwsh exited with " + ExitCode + " and no result line" + Tail(Stderr);
                if (r.TryGetProperty("problem", out JsonElement p) && p.ValueKind == JsonValueKind.String) return p.GetString() + Tail(Stderr);
                return null;
            }
        }

        public double? Milliseconds(string name) =>
            Result is JsonElement r && r.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        private static string Tail(string text) => string.IsNullOrWhiteSpace(text) ? "" : " (stderr: " + (text.Length > 400 ? "…" + text[^400..] : text).Trim() + ")";
    }

    /// <summary>
    /// Starts PowerShell 7 as the repository pins it (.config/dotnet-tools.json): the restored <c>pwsh.dll</c> from the
    /// NuGet package folder run as <c>dotnet pwsh.dll</c> (no dotnet CLI process in between), else <c>dotnet pwsh</c>
    /// through the tool manifest. Working directory: the repository root.
    /// </summary>
    internal sealed class PwshLauncher
    {
        private readonly string _root;
        private readonly string? _pwshDll;

        private PwshLauncher(string root, string? pwshDll, string version)
        {
            _root = root;
            _pwshDll = pwshDll;
            Version = version;
        }

        public string Version { get; }

        /// <summary>How pwsh is started, for the notes.</summary>
        public string Description => _pwshDll != null
            ? "`dotnet " + Shorten(_pwshDll) + "` (the restored tool package's pwsh.dll, run directly)"
            : "`dotnet pwsh` (local tool from .config/dotnet-tools.json)";

        public static PwshLauncher Locate(string root, Action<string> log)
        {
            string version = PinnedVersion(root) ?? "7.6.9";
            string? dll = FindDll(version);
            if (dll == null)
            {
                log("pwsh: " + version + " not in the NuGet package folder; running dotnet tool restore …");
                using Process? restore = Process.Start(new ProcessStartInfo("dotnet", "tool restore") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
                if (restore != null)
                {
                    _ = restore.StandardOutput.ReadToEndAsync();
                    _ = restore.StandardError.ReadToEndAsync();
                    restore.WaitForExit();
                }
                dll = FindDll(version);
            }

            return new PwshLauncher(root, dll, version);
        }

        /// <summary>Runs a script file with arguments; stdout is read line by line as it comes (so -WhatIf's host output never blocks pwsh).</summary>
        public async Task<PwshProcessResult> RunFileAsync(string script, IEnumerable<string> scriptArguments, IDictionary<string, string> environment, TimeSpan timeout, CancellationToken ct)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = _root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
            };
            if (_pwshDll != null) start.ArgumentList.Add(_pwshDll);
            else start.ArgumentList.Add("pwsh");
            foreach (string a in new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script }) start.ArgumentList.Add(a);
            foreach (string a in scriptArguments) start.ArgumentList.Add(a);
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (KeyValuePair<string, string> e in environment) start.Environment[e.Key] = e.Value;

            var result = new PwshProcessResult();
            long startedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            process.StandardInput.Close();
            var stderr = new StringBuilder();
            Task errors = Task.Run(async () =>
            {
                string? line;
                while ((line = await process.StandardError.ReadLineAsync().ConfigureAwait(false)) != null)
                    lock (stderr)
                        if (stderr.Length < 64_000) stderr.AppendLine(line);
            }, CancellationToken.None);
            Task output = Task.Run(async () =>
            {
                string? line;
                while ((line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false)) != null)
                {
                    if (line.StartsWith("What if:", StringComparison.Ordinal))
                    {
                        if (result.WhatIfLinesPerPass.Count == 0) result.WhatIfLinesPerPass.Add(0);
                        result.WhatIfLinesPerPass[^1]++;
                    }
                    else if (line.StartsWith("SQBENCH-PASS ", StringComparison.Ordinal)) result.WhatIfLinesPerPass.Add(0);
                    else if (line.StartsWith("SQBENCH-RESULT ", StringComparison.Ordinal)) result.Result = JsonDocument.Parse(line["SQBENCH-RESULT ".Length..]).RootElement.Clone();
                    else if (result.OtherStdout.Count < 200) result.OtherStdout.Add(line);
                }
            }, CancellationToken.None);

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                throw new TimeoutException("pwsh did not finish within " + timeout.TotalSeconds.ToString("0") + " s");
            }
            finally
            {
                await Task.WhenAll(output, errors).ConfigureAwait(false);
                result.Wall = clock.Elapsed;
            }

            result.ExitCode = process.ExitCode;
            lock (stderr) result.Stderr = stderr.ToString();
            if (result.Result is JsonElement r && r.TryGetProperty("scriptStartedUnixMs", out JsonElement s) && s.TryGetInt64(out long scriptStarted))
                result.StartToScript = TimeSpan.FromMilliseconds(scriptStarted - startedUnixMs);
            return result;
        }

        /// <summary><c>build.ps1 -Task Build</c> (Release) with the same pwsh; returns null when it succeeded, else the output's tail.</summary>
        public async Task<string?> BuildModuleAsync(Action<string> log, CancellationToken ct)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(_pwshDll ?? "pwsh");
            foreach (string a in new[] { "-NoLogo", "-NoProfile", "-NonInteractive", "-File", Path.Combine(_root, "build.ps1"), "-Task", "Build" }) start.ArgumentList.Add(a);
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            string text = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
            if (process.ExitCode == 0) return null;
            return "build.ps1 -Task Build exited with " + process.ExitCode + ": " + (text.Length > 600 ? "…" + text[^600..] : text).Trim();
        }

        private static string? PinnedVersion(string root)
        {
            try
            {
                using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")));
                return manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString();
            }
            catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return null;
            }
        }

        private static string? FindDll(string version)
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
                ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            string tools = Path.Combine(packages, "powershell", version, "tools");
            if (!Directory.Exists(tools)) return null;
            string platform = OperatingSystem.IsWindows() ? "win" : "unix";
            return Directory.EnumerateFiles(tools, "pwsh.dll", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == platform)
                .OrderByDescending(f => f, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        private static string Shorten(string path)
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return path.StartsWith(home, StringComparison.Ordinal) ? "~" + path[home.Length..] : path;
        }
    }
}
