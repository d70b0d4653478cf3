using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Chaos;
using SmartlyQ.Video.Sandbox.Idempotency;
using SmartlyQ.Video.Sandbox.Jobs;
using SmartlyQ.Video.Sandbox.Media;
using SmartlyQ.Video.Sandbox.Providers;
using SmartlyQ.Video.Sandbox.Providers.A4F;
using SmartlyQ.Video.Sandbox.Providers.NanoGPT;
using SmartlyQ.Video.Sandbox.Providers.Jimeng;
using SmartlyQ.Video.Sandbox.Providers.NewApi;
using SmartlyQ.Video.Sandbox.Providers.OpenAI;
using SmartlyQ.Video.Sandbox.RateLimiting;
using SmartlyQ.Video.Sandbox.Videos;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Builds the sandbox web application: services, middleware order and routes. The single place
    /// shared by <c>Program.cs</c> and <see cref="SandboxServer.StartAsync"/>.
    /// </summary>
    public static class SandboxApp
    {
        /// <summary>Path prefix of the emulated API (the real base URL ends in <c>/v1</c>).</summary>
        public const string ApiPrefix = "/v1";

        /// <summary>Reads <see cref="SandboxOptions"/> from the <c>Sandbox</c> section; lists given there replace the defaults.</summary>
        public static SandboxOptions BindOptions(IConfiguration configuration)
        {
            // Bind into empty lists: the binder appends to existing list items instead of replacing them.
            var section = configuration.GetSection(SandboxOptions.SectionName);
            var options = new SandboxOptions
            {
                Keys = new List<SandboxKey>(),
                Models = new List<SandboxModel>(),
                OpenAI = new OpenAISandboxOptions { Keys = new List<SandboxKey>() },
                NanoGpt = new NanoGptSandboxOptions { Keys = new List<SandboxKey>() },
                NewApi = new NewApiSandboxOptions { Keys = new List<SandboxKey>() },
                A4F = new A4FSandboxOptions { Keys = new List<SandboxKey>() },
            };
            section.Bind(options);
            options.Keys = BindKeys(section.GetSection(nameof(SandboxOptions.Keys)));
            if (options.OpenAI.Keys.Count == 0) options.OpenAI.Keys = OpenAISandboxOptions.DefaultKeys();
            if (options.NanoGpt.Keys.Count == 0) options.NanoGpt.Keys = NanoGptSandboxOptions.DefaultKeys();
            if (options.NewApi.Keys.Count == 0) options.NewApi.Keys = NewApiSandboxOptions.DefaultKeys();
            if (options.A4F.Keys.Count == 0) options.A4F.Keys = A4FSandboxOptions.DefaultKeys();
            if (options.Models.Count == 0) options.Models = DefaultModels.Create();
            return options;
        }

        // Keys are bound one by one: a key without a Scopes entry gets "*" rather than "*" plus the configured ones.
        private static List<SandboxKey> BindKeys(IConfigurationSection keysSection)
        {
            var keys = new List<SandboxKey>();
            foreach (var child in keysSection.GetChildren())
            {
                var key = new SandboxKey { Scopes = new List<string>() };
                child.Bind(key);
                if (!child.GetSection(nameof(SandboxKey.Scopes)).GetChildren().Any()) key.Scopes = new List<string> { "*" };
                keys.Add(key);
            }
            return keys.Count == 0 ? SandboxOptions.DefaultKeys() : keys;
        }

        /// <summary>Registers the sandbox services on <paramref name="builder"/>, builds the app and maps every route.</summary>
        public static WebApplication Build(WebApplicationBuilder builder, SandboxOptions options)
        {
            ArgumentNullException.ThrowIfNull(builder);
            ArgumentNullException.ThrowIfNull(options);
            Validate(options);

            // State is created here, not lazily by the container, so bad options fail at start.
            var time = options.TimeProvider ?? TimeProvider.System;
            var keys = new ApiKeyRegistry(options.Keys.Select(k => new KeyAccount(k))
                .Concat(options.OpenAI.Keys.Select(k => new KeyAccount(k, ProviderProtocols.OpenAI)))
                .Concat(options.NanoGpt.Keys.Select(k => new KeyAccount(k, ProviderProtocols.NanoGpt)))
                .Concat(options.NewApi.Keys.Select(k => new KeyAccount(k, ProviderProtocols.NewApi)))
                .Concat(options.A4F.Keys.Select(k => new KeyAccount(k, ProviderProtocols.A4F))));
            var ledger = new SandboxLedger();
            var chaos = new SandboxChaos(options.Chaos, options.Seed);
            var jobs = new JobStore(options, ledger, chaos.Counters);
            var services = builder.Services;
            services.AddSingleton(options);
            services.AddSingleton(time);
            services.AddSingleton(new ErrorCodeBook(options.ErrorCodeStyle));
            services.AddSingleton(keys);
            services.AddSingleton(new ModelCatalog(options.Models));
            services.AddSingleton(ledger);
            services.AddSingleton(jobs);
            services.AddSingleton(chaos);
            services.AddSingleton(new VideoFiles(jobs, options));
            services.AddSingleton(new IdempotencyStore(time));
            services.AddSingleton(new SandboxStats());
            services.AddSingleton(new SandboxDownloadStats());
            services.AddSingleton(new OpenAIVideoStore());
            services.AddSandboxRateLimiting();

            var app = builder.Build();
            // Outermost: counts every API and file request with its final status (429s of the limiter included).
            app.UseMiddleware<RequestStatsMiddleware>();
            app.UseMiddleware<EnvelopeMiddleware>();
            app.UseRateLimiter();
            app.UseMiddleware<RateLimitHeadersMiddleware>();
            app.UseJimengActionRouting(); // ?Action=… to a route of its own, as new-api's converter rewrites it
            app.UseRouting();
            // After routing (faults are chosen per route), before auth and idempotency (early faults have no side effects).
            app.UseMiddleware<ChaosMiddleware>();
            app.UseWhen(c => ProviderProtocols.Match(c.Request.Path)?.IsApi(c.Request.Path) == true,
                api => api.UseMiddleware<ApiAuthMiddleware>());
            // Idempotency keys are a SmartlyQ feature; the other APIs document none.
            app.UseWhen(c => c.Request.Path.StartsWithSegments(ApiPrefix), api => api.UseMiddleware<IdempotencyMiddleware>());

            var v1 = app.MapGroup(ApiPrefix);
            AccountEndpoints.Map(v1);
            VideoEndpoints.Map(v1);
            JobEndpoints.Map(v1);
            LedgerEndpoints.Map(app);
            FileEndpoints.Map(app);
            VideoFileEndpoints.Map(app);
            DownloadStatsEndpoints.Map(app);
            ChaosEndpoints.Map(app);
            OpenAIVideoEndpoints.Map(app);
            NanoGptVideoEndpoints.Map(app);
            NanoGptCatalogEndpoints.Map(app);
            NewApiTaskEndpoints.Map(app);
            NewApiContentEndpoints.Map(app);
            NewApiVideosEndpoints.Map(app);
            Providers.Kling.KlingEndpoints.Map(app);
            JimengEndpoints.Map(app);
            A4FEndpoints.Map(app);
            ProviderEndpoints.Map(app);
            return app;
        }

        private static void Validate(SandboxOptions options)
        {
            if (options.InitialJobStatus != JobStatuses.Pending && options.InitialJobStatus != JobStatuses.Queued)
                throw new ArgumentException("InitialJobStatus must be 'pending' or 'queued'.");
            if (options.QueuedDuration < TimeSpan.Zero || options.ProcessingDuration < TimeSpan.Zero)
                throw new ArgumentException("QueuedDuration and ProcessingDuration must not be negative.");
            if (options.ProcessingDurationMax is TimeSpan max && max < options.ProcessingDuration)
                throw new ArgumentException("ProcessingDurationMax must not be shorter than ProcessingDuration.");
            if (options.VideoSizeBytes < 0) throw new ArgumentException("VideoSizeBytes must not be negative.");
            if (options.DownloadBytesPerSecond < 0) throw new ArgumentException("DownloadBytesPerSecond must not be negative.");
            if (options.Keys == null || options.Models == null) throw new ArgumentException("Keys and Models must not be null.");
            if (options.OpenAI?.Keys == null) throw new ArgumentException("OpenAI and OpenAI.Keys must not be null.");
            if (options.NanoGpt?.Keys == null) throw new ArgumentException("NanoGpt and NanoGpt.Keys must not be null.");
            if (options.NanoGpt.Keys.Exists(k => k.Balance < 0)) throw new ArgumentException("NanoGpt key balances must not be negative.");
            if (options.NewApi?.Keys == null) throw new ArgumentException("NewApi and NewApi.Keys must not be null.");
            if (options.NewApi.Keys.Exists(k => k.Balance < 0)) throw new ArgumentException("NewApi key balances must not be negative.");
            if (options.A4F?.Keys == null) throw new ArgumentException("A4F and A4F.Keys must not be null.");
            if (options.A4F.Delay < TimeSpan.Zero) throw new ArgumentException("A4F.Delay must not be negative.");
            if (options.OpenAI.PollAfterMs < 0) throw new ArgumentException("OpenAI.PollAfterMs must not be negative.");
            if (options.OpenAI.PricePerSecond < 0) throw new ArgumentException("OpenAI.PricePerSecond must not be negative.");
            if (double.IsNaN(options.FailureRate) || options.FailureRate < 0 || options.FailureRate > 1)
                throw new ArgumentException("FailureRate must be between 0 and 1.");
            if (options.RateLimitPermits < 1) throw new ArgumentException("RateLimitPermits must be at least 1.");
            if (options.RateLimitWindow <= TimeSpan.Zero) throw new ArgumentException("RateLimitWindow must be positive.");
        }
    }
}
