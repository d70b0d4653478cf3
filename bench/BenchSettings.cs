namespace SmartlyQ.Video.Bench
{
    /// <summary>What one run measures; <see cref="Full"/> is the default, <see cref="Quick"/> the reduced set.</summary>
    internal sealed record BenchSettings
    {
        public bool Quick { get; init; }

        /// <summary>Rows of the batch (New-SqVideo | Wait-SqJob | Save-SqVideo).</summary>
        public int Rows { get; init; }

        /// <summary>Rows the naive client really runs; its time for <see cref="Rows"/> is extrapolated when fewer.</summary>
        public int NaiveRows { get; init; }

        /// <summary>Key budget: permits per window (fixed window, as the sandbox emulates the API).</summary>
        public int RateLimitPermits { get; init; } = 600;

        public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(60);

        /// <summary>Job life: queued for this long, then processing for a uniform draw in [min, max].</summary>
        public TimeSpan QueuedDuration { get; init; } = TimeSpan.Zero;

        public TimeSpan ProcessingMin { get; init; } = TimeSpan.FromSeconds(2);

        public TimeSpan ProcessingMax { get; init; } = TimeSpan.FromSeconds(6);

        /// <summary>Size of each batch video (the sandbox pads its clip to this size).</summary>
        public long BatchVideoBytes { get; init; } = 1L << 20;

        /// <summary>Poll interval of the naive client (the "poll every 5 s").</summary>
        public TimeSpan NaivePollInterval { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>Sizes of the download benchmark.</summary>
        public long[] DownloadSizes { get; init; } = Array.Empty<long>();

        /// <summary>Repetitions per size and client (the median is reported).</summary>
        public int DownloadRepetitions { get; init; } = 3;

        public int Seed { get; init; } = 20261121;

        /// <summary>
        /// A second batch at the same rate in shorter fixed windows (e.g. 60 per 6 s), where the key's budget cannot be
        /// spent in one burst; null = none.
        /// </summary>
        public TimeSpan? VariantWindow { get; init; }

        public bool RunBatch { get; init; } = true;
        public bool RunNaive { get; init; } = true;
        public bool RunDownload { get; init; } = true;
        public bool RunMicro { get; init; } = true;
        public bool RunPwsh { get; init; } = true;

        /// <summary>Part 4's two batch rows; off with --skip-pwsh-batch (then only -WhatIf and its profile run).</summary>
        public bool RunPwshBatch { get; init; } = true;

        /// <summary>Rows of the PowerShell batch (4): the same batch through real pwsh and, beside it, in-process.</summary>
        public int PwshRows { get; init; } = 1000;

        /// <summary>
        /// Key budget of the PowerShell batch: the main batch's 600 permits in a window ten times shorter (600 per 6 s,
        /// 100 requests/s), so that 1,000 rows (about 2,000 requests with the downloads) take tens of seconds, not minutes.
        /// </summary>
        public int PwshRateLimitPermits { get; init; } = 600;

        public TimeSpan PwshRateLimitWindow { get; init; } = TimeSpan.FromSeconds(6);

        /// <summary>Runs of each of the two batch rows of part 4 (alternating, ABBA); the median run is reported.</summary>
        public int PwshRepetitions { get; init; } = 1;

        /// <summary>Rows of <c>Import-Csv rows.csv | New-SqVideo -WhatIf</c> per timed pass.</summary>
        public int WhatIfRows { get; init; } = 5000;

        /// <summary>Timed -WhatIf passes in the one pwsh session (the first is the session's first use of the cmdlets).</summary>
        public int WhatIfPasses { get; init; } = 3;

        /// <summary>Timed passes of the -WhatIf breakdown (4c, bench/Pwsh/profile-whatif.ps1); 0 = not run (--no-whatif-profile).</summary>
        public int WhatIfProfilePasses { get; init; } = 5;

        /// <summary>Build the module (build.ps1 -Task Build into out/SmartlyQ.Video) before part 4; --pwsh-no-build uses out/ as it is.</summary>
        public bool PwshBuild { get; init; } = true;

        /// <summary>Part 5: the batch per provider (and the SDK-style OpenAI client); off with --skip-providers.</summary>
        public bool RunProviders { get; init; } = true;

        /// <summary>Rows of each provider's batch in part 5 (the comparison is on 100 rows).</summary>
        public int ProviderRows { get; init; } = 100;

        public string? OutputPath { get; init; }

        public const long MiB = 1L << 20;

        public static BenchSettings Full(Args args) => Apply(args, new BenchSettings
        {
            Quick = false,
            Rows = 200,
            NaiveRows = 40,
            VariantWindow = TimeSpan.FromSeconds(6),
            DownloadSizes = new[] { 10 * MiB, 100 * MiB, 1024 * MiB },
        });

        public static BenchSettings Reduced(Args args) => Apply(args, new BenchSettings
        {
            Quick = true,
            Rows = 60,
            NaiveRows = 3,
            DownloadSizes = new[] { 10 * MiB, 100 * MiB },
            DownloadRepetitions = 3,
            PwshRows = 200,
            WhatIfRows = 1000,
            WhatIfPasses = 2,
            WhatIfProfilePasses = 3,
        });

        private static BenchSettings Apply(Args args, BenchSettings s) => new BenchSettings
        {
            Quick = s.Quick,
            Rows = args.Int("--rows") ?? s.Rows,
            NaiveRows = Math.Min(args.Int("--naive-rows") ?? s.NaiveRows, args.Int("--rows") ?? s.Rows),
            // --rate-window S keeps the rate (600/min) in a window of S seconds: 10·S permits per S s.
            RateLimitPermits = args.Int("--rate-window") is int w ? (int)Math.Round(s.RatePerSecond * w) : s.RateLimitPermits,
            RateLimitWindow = args.Int("--rate-window") is int window ? TimeSpan.FromSeconds(window) : s.RateLimitWindow,
            QueuedDuration = s.QueuedDuration,
            ProcessingMin = s.ProcessingMin,
            ProcessingMax = s.ProcessingMax,
            BatchVideoBytes = s.BatchVideoBytes,
            NaivePollInterval = s.NaivePollInterval,
            VariantWindow = args.Has("--no-variant") ? null : args.Int("--variant-window") is int v ? TimeSpan.FromSeconds(v) : s.VariantWindow,
            DownloadSizes = s.DownloadSizes,
            DownloadRepetitions = args.Int("--download-reps") ?? s.DownloadRepetitions,
            Seed = args.Int("--seed") ?? s.Seed,
            RunBatch = !args.Has("--skip-batch"),
            RunNaive = !args.Has("--skip-batch") && !args.Has("--skip-naive"),
            RunDownload = !args.Has("--skip-download"),
            RunMicro = !args.Has("--skip-micro"),
            RunPwsh = !args.Has("--skip-pwsh"),
            RunPwshBatch = !args.Has("--skip-pwsh-batch"),
            PwshRows = args.Int("--pwsh-rows") ?? s.PwshRows,
            PwshRateLimitPermits = args.Int("--pwsh-permits") ?? s.PwshRateLimitPermits,
            PwshRateLimitWindow = args.Int("--pwsh-window") is int pw ? TimeSpan.FromSeconds(pw) : s.PwshRateLimitWindow,
            PwshRepetitions = args.Int("--pwsh-reps") ?? s.PwshRepetitions,
            WhatIfRows = args.Int("--whatif-rows") ?? s.WhatIfRows,
            WhatIfPasses = args.Int("--whatif-passes") ?? s.WhatIfPasses,
            WhatIfProfilePasses = args.Has("--no-whatif-profile") ? 0 : args.Int("--whatif-profile-passes") ?? s.WhatIfProfilePasses,
            PwshBuild = !args.Has("--pwsh-no-build"),
            RunProviders = !args.Has("--skip-providers"),
            ProviderRows = args.Int("--provider-rows") ?? s.ProviderRows,
            OutputPath = args.Value("--out"),
        };

        /// <summary>Requests per second the key may send on average.</summary>
        public double RatePerSecond => RateLimitPermits / RateLimitWindow.TotalSeconds;

        /// <summary>
        /// The settings of part 4's batch, used for both its rows (in-process and through pwsh): this run's job life,
        /// video size and seed, <see cref="PwshRows"/> rows and the part's own rate limit.
        /// </summary>
        public BenchSettings PwshBatch() => this with
        {
            Rows = PwshRows,
            RateLimitPermits = PwshRateLimitPermits,
            RateLimitWindow = PwshRateLimitWindow,
            VariantWindow = null,
        };

        /// <summary>The same rate in fixed windows of <paramref name="window"/>.</summary>
        public BenchSettings InWindowsOf(TimeSpan window) => this with
        {
            RateLimitPermits = (int)Math.Round(RatePerSecond * window.TotalSeconds),
            RateLimitWindow = window,
        };
    }

    /// <summary>Minimal command line: flags and <c>--name value</c> pairs.</summary>
    internal sealed class Args
    {
        private readonly string[] _args;

        public Args(string[] args) => _args = args;

        public bool Has(string flag) => _args.Contains(flag, StringComparer.OrdinalIgnoreCase);

        public string? Value(string name)
        {
            int i = Array.FindIndex(_args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 && i + 1 < _args.Length ? _args[i + 1] : null;
        }

        public int? Int(string name)
        {
            string? value = Value(name);
            if (value == null) return null;
            if (!int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new ArgumentException(name + " needs a positive whole number, not '" + value + "'.");
            return n;
        }
    }
}
