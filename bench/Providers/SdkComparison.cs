using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>Part 5b: the SDK-style OpenAI client on the first rows of the batch, in a fresh sandbox of the same settings.</summary>
    internal static class SdkComparison
    {
        public static async Task<NaiveResult> RunAsync(BenchSettings s, Action<string> log, CancellationToken ct)
        {
            await using SandboxServer sandbox = await SandboxServer.StartAsync(ProviderBatchBenchmark.Options(s), cancellationToken: ct);
            SandboxProvider openai = sandbox.Providers.Single(p => p.Name == "OpenAI");
            string directory = Directory.CreateTempSubdirectory("sq-bench-sdk-").FullName;
            try
            {
                int run = Math.Min(s.NaiveRows, s.ProviderRows);
                var rows = Enumerable.Range(0, run)
                    .Select(i => (Model: "sora-2", Prompt: "Shot " + (i + 1) + ": slow dolly toward a lighthouse in a storm", Seconds: "4", Size: "1280x720"))
                    .ToList();
                log($"OpenAI SDK-style: {run} of {s.ProviderRows} rows, one at a time, retrieve every {s.NaivePollInterval.TotalSeconds:0.#} s …");
                using var client = new SdkStyleOpenAIClient(openai.BaseUri, openai.ApiKey!, s.NaivePollInterval);
                TimeSpan measured = await client.RunAsync(rows, directory, ct);
                log($"OpenAI SDK-style: {client.Saved} saved in {measured.TotalSeconds:0.0} s, {client.Requests} requests");
                return new NaiveResult
                {
                    RowsRun = run,
                    RowsTotal = s.ProviderRows,
                    Saved = client.Saved,
                    Measured = measured,
                    Requests = client.Requests,
                    Received429 = client.Received429,
                };
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
