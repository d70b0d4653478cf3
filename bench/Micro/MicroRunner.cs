using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace SmartlyQ.Video.Bench.Micro
{
    internal sealed class MicroResult
    {
        public string Name { get; set; } = "";
        public double? MeanNs { get; set; }
        public double? ErrorNs { get; set; }
        public long? AllocatedBytes { get; set; }
    }

    /// <summary>
    /// Runs <see cref="ClientBenchmarks"/> with BenchmarkDotNet in this process (in-process emit toolchain: no
    /// generated project to build, which keeps --quick fast and works on any SDK). Full: BenchmarkDotNet's default
    /// job (it iterates until the mean is stable); quick: its short run (3 warm-ups, 3 iterations of 250 ms).
    /// Its own log and reports go to <paramref name="artifactsPath"/>.
    /// </summary>
    internal static class MicroRunner
    {
        public static (List<MicroResult> Results, string? Problem, string JobName) Run(bool quick, string artifactsPath, Action<string> log)
        {
            Job job = quick
                ? Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("ShortRun-InProcess")
                : Job.Default.WithId("Default-InProcess");
            job = job.WithToolchain(InProcessEmitToolchain.Instance);
            Directory.CreateDirectory(artifactsPath);
            string logPath = Path.Combine(artifactsPath, "micro-console.log");
            using var logger = new StreamLogger(logPath);
            IConfig config = ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddLogger(logger)
                .AddExporter(MarkdownExporter.GitHub)
                .WithArtifactsPath(artifactsPath);

            log("micro: BenchmarkDotNet (" + job.Id + "), log in " + logPath + " …");
            Summary summary = BenchmarkRunner.Run<ClientBenchmarks>(config);
            if (summary.HasCriticalValidationErrors)
                return (new List<MicroResult>(), "BenchmarkDotNet refused to run: " + string.Join("; ", summary.ValidationErrors.Select(e => e.Message)), job.Id);

            var results = new List<MicroResult>();
            foreach (BenchmarkReport report in summary.Reports)
            {
                results.Add(new MicroResult
                {
                    Name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                    MeanNs = report.ResultStatistics?.Mean,
                    ErrorNs = report.ResultStatistics?.ConfidenceInterval.Margin,
                    AllocatedBytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase),
                });
            }

            log("micro: " + string.Join("; ", results.Select(r => r.Name + " " + Format.Nanoseconds(r.MeanNs) + " " + Format.Bytes(r.AllocatedBytes))));
            return (results, results.Count == 0 ? "no results (see " + logPath + ")" : null, job.Id);
        }
    }
}
