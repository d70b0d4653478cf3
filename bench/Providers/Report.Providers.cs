using SmartlyQ.Video.Bench.Batch;
using SmartlyQ.Video.Bench.Providers;

namespace SmartlyQ.Video.Bench
{
    internal sealed partial class Report
    {
        public List<ProviderRun>? Providers { get; set; }
        public NaiveResult? OpenAISdk { get; set; }
        public string? OpenAISdkProblem { get; set; }

        /// <summary>Part 5: one batch row per provider, then the OpenAI SDK-style comparison.</summary>
        private void AddProviders(BenchSettings s)
        {
            if (!s.RunProviders) return;
            if (Providers == null || Providers.Count == 0)
            {
                Row("5", "Batch per provider", "—", "not run", "", "");
                return;
            }

            char letter = 'a';
            foreach (ProviderRun run in Providers)
            {
                string number = "5" + letter++;
                string setup = $"{run.Provider}: {s.ProviderRows} rows over its catalog's models through Connect-SmartlyQ -Provider {run.Provider}, " +
                               $"{(run.Result != null ? Math.Round(run.Result.RatePerSecond * s.RateLimitWindow.TotalSeconds) : s.RateLimitPermits)}/{s.RateLimitWindow.TotalSeconds:0} s fixed window, jobs {s.ProcessingMin.TotalSeconds:0}–{s.ProcessingMax.TotalSeconds:0} s, {Format.Size(s.BatchVideoBytes)} videos";
                if (run.Result == null)
                {
                    Row(number, setup, "—", "failed: " + Escape(run.Problem ?? "?"), "", "");
                    AddTarget(run.Provider + ": makespan ≤ 1.10 × floor", null, "batch failed");
                    continue;
                }

                ProviderBatchResult r = run.Result;
                bool allSaved = r.Saved == r.Rows && r.Verified == r.Saved && r.Errors == 0;
                double ratio = r.Makespan / r.Floor;
                Row(number, setup, "Makespan (first row in → last file saved)", Format.Seconds(r.Makespan), "", "");
                Row("", "", $"Floor: max(keyed requests {r.KeyedRequests} ÷ {r.RatePerSecond:0.#}/s, slowest job {Format.Seconds(r.SlowestJobDuration)} + its download {Format.Seconds(r.SlowestDownload)})",
                    Format.Seconds(r.Floor), "", "");
                Row("", "", "Makespan ÷ floor", Format.Number(ratio), "≤ 1.10", Verdict(ratio <= 1.10 && allSaved));
                bool lists = run.Provider == "OpenAI";
                Row("", "", "Requests per finished video (max of client and server count)", Format.Number(r.RequestsPerVideo), lists ? "≤ 2.1" : "", lists ? Verdict(r.RequestsPerVideo <= 2.1) : "");
                Row("", "", "Server requests by group", string.Join(", ", r.Server.ByGroup.Where(g => g.Value > 0).Select(g => g.Key + " " + g.Value)) + $" (total {r.Server.Requests})", "", "");
                bool no429 = r.Client429 == 0 && r.Server.TooManyRequests == 0;
                Row("", "", "429s received (client / server sent)" + (r.SendsLimits ? "" : "; the API states no limit, so the client cannot pace ahead of it"),
                    r.Client429 + " / " + r.Server.TooManyRequests, r.SendsLimits ? "0" : "", r.SendsLimits ? Verdict(no429) : "");
                Row("", "", "Videos saved / verified by SHA-256 / errors", $"{r.Saved} / {r.Verified} / {r.Errors}" + (r.FirstError != null ? " (first: " + Escape(r.FirstError) + ")" : ""), $"{r.Rows} / {r.Rows} / 0", Verdict(allSaved));

                AddTarget(run.Provider + ": makespan ≤ 1.10 × floor", ratio <= 1.10 && allSaved, Format.Number(ratio) + " × " + Format.Seconds(r.Floor));
                if (r.SendsLimits) AddTarget(run.Provider + ": 0 × 429", no429, r.Client429 + " client / " + r.Server.TooManyRequests + " server");
                if (lists) AddTarget("OpenAI: ≤ 2.1 requests per video", r.RequestsPerVideo <= 2.1, Format.Number(r.RequestsPerVideo));
            }

            if (!s.RunNaive) return;
            ProviderBatchResult? ours = Providers.FirstOrDefault(p => p.Provider == "OpenAI")?.Result;
            string sdkSetup = $"OpenAI SDK-style client (create, retrieve every {s.NaivePollInterval.TotalSeconds:0} s until done, download_content; one video after another)";
            if (OpenAISdk == null || ours == null)
            {
                Row("5" + letter, sdkSetup, "—", OpenAISdk == null ? "failed: " + Escape(OpenAISdkProblem ?? "not run") : "our OpenAI batch failed", "", "");
                AddTarget("OpenAI: ≥ 10 × faster than the SDK-style client", null, "not measured");
                return;
            }

            NaiveResult n = OpenAISdk;
            string what = n.Extrapolated
                ? $"Time for {n.RowsTotal} rows, **extrapolated** from {n.RowsRun} rows ({Format.Seconds(n.Measured)} measured; sequential, so linear in rows)"
                : $"Time for {n.RowsTotal} rows (measured)";
            Row("5" + letter, sdkSetup, what, Format.Seconds(n.Estimated), "", "");
            double speedup = n.Estimated / ours.Makespan;
            Row("", "", "SDK-style time ÷ our OpenAI makespan", Format.Number(speedup, "0.0") + "×", "≥ 10×", Verdict(speedup >= 10));
            Row("", "", "SDK-style: requests per video, 429s", Format.Number(n.Saved == 0 ? double.NaN : (double)n.Requests / n.Saved) + ", " + n.Received429, "", "");
            AddTarget("OpenAI: ≥ 10 × faster than the SDK-style client", speedup >= 10, Format.Number(speedup, "0.0") + "×" + (n.Extrapolated ? ", extrapolated from " + n.RowsRun + " rows" : ""));
        }
    }
}
