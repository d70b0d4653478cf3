using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Tests.Fakes;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// The raw server, the fake API behind it and one real connection to it (the module's own HttpClientHandler),
    /// with the cmdlets' operations as the corpus drives them. Rows are bound as New-SqVideo binds CSV cells
    /// (<see cref="CsvValue.ToNullableString"/>: trimmed, empty = not given).
    /// </summary>
    public sealed class WireContext : IDisposable
    {
        public const string Key = "sqk_live_wire0123456789";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "sq-wire-" + Guid.NewGuid().ToString("N"));
        private int _rows;
        private int _folders;

        private WireContext(RawHttpServer server, WireApi api)
        {
            Server = server;
            Api = api;
            Directory.CreateDirectory(_folder);
        }

        public RawHttpServer Server { get; }

        public WireApi Api { get; }

        public SmartlyQConnection Connection { get; private set; } = null!;

        /// <summary>A completed job the API issued, with its video URL: what Wait-SqJob passes to Save-SqVideo.</summary>
        public VideoJob Finished { get; private set; } = null!;

        public Uri BaseUri => new Uri(Server.Root + "/v1");

        /// <summary>Starts the server, connects (GET /me), submits one job and waits for it: the setup's requests.</summary>
        public static async Task<WireContext> StartAsync()
        {
            var api = new WireApi();
            var server = new RawHttpServer(api.Answer);
            api.Root = server.Root;
            var context = new WireContext(server, api);
            var sink = new FakeSink();
            context.Connection = await ConnectOperation.ConnectAsync(new ConnectParameters { ApiKey = TestSecrets.Secure(Key), BaseUri = context.BaseUri }, sink, CancellationToken.None);

            var submit = new NewVideoOperation(context.Connection);
            await submit.ProcessAsync(context.GoodRow(), sink, CancellationToken.None);
            using var wait = new WaitJobOperation(context.Connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 120 });
            wait.Track(sink.OutputOf<VideoJob>().Single(), null);
            await wait.WaitAllAsync(sink, CancellationToken.None);
            context.Finished = sink.OutputOf<VideoJob>().Single(j => j.Status == JobStatus.Succeeded);
            if (!sink.Errors.IsEmpty) throw new InvalidOperationException("setup failed: " + sink.Errors.First().Exception.Message);
            return context;
        }

        /// <summary>A CSV row as New-SqVideo binds it; unnamed columns are a valid kling-v2-1 text_to_video row.</summary>
        public NewVideoInput Row(params (string Column, string Value)[] cells)
        {
            var row = new Dictionary<string, string>
            {
                ["model"] = WireApi.Model,
                ["prompt"] = "Wire row " + Interlocked.Increment(ref _rows) + ": a paper boat on a rainy street",
            };
            foreach ((string column, string value) in cells) row[column] = value;
            string? Cell(string column) => row.TryGetValue(column, out string? value) ? CsvValue.ToNullableString(value) : null;
            return new NewVideoInput
            {
                Request = new VideoRequest
                {
                    Model = Cell("model"),
                    Type = Cell("type"),
                    Prompt = Cell("prompt"),
                    ImageUrl = Cell("image_url"),
                    Resolution = Cell("resolution"),
                    Mode = Cell("mode"),
                    AspectRatio = Cell("aspect_ratio"),
                },
                IdempotencyKey = Cell("idempotency_key"),
                TargetObject = row,
            };
        }

        public NewVideoInput GoodRow() => Row();

        /// <summary>New-SqVideo over <paramref name="rows"/> in one pipeline (one operation).</summary>
        public async Task<WireOutcome> NewVideoAsync(NewVideoOptions options, params NewVideoInput[] rows)
        {
            var outcome = new WireOutcome();
            var sink = new FakeSink();
            NewVideoOperation operation;
            try
            {
                operation = new NewVideoOperation(Connection, options);
            }
            catch (ArgumentException ex)
            {
                // -BatchId: a terminating parameter error before the first row.
                outcome.Thrown = ex;
                return outcome;
            }

            foreach (NewVideoInput row in rows) await operation.ProcessAsync(row, sink, CancellationToken.None);
            operation.Complete(sink);
            return Collect(sink, outcome);
        }

        /// <summary>Wait-SqJob -JobUid over <paramref name="uids"/>.</summary>
        public async Task<WireOutcome> WaitAsync(params string[] uids)
        {
            var sink = new FakeSink();
            using (var operation = new WaitJobOperation(Connection, new WaitJobOptions { PollIntervalSec = 1, TimeoutSec = 120 }))
            {
                foreach (string uid in uids) operation.Track(uid, uid);
                await operation.WaitAllAsync(sink, CancellationToken.None);
            }

            return Collect(sink, new WireOutcome());
        }

        /// <summary>Save-SqVideo -JobUid over <paramref name="uids"/> into a new folder.</summary>
        public Task<WireOutcome> SaveUidsAsync(params string[] uids)
            => SaveAsync(null, async (op, sink) =>
            {
                foreach (string uid in uids) await op.ProcessAsync(null, uid, uid, sink, CancellationToken.None);
            });

        /// <summary><see cref="Finished"/> as a job object that says its model is <paramref name="model"/>.</summary>
        public VideoJob FinishedAs(string model)
            => Finished.With(new JobSnapshot { JobUid = Finished.JobUid, Status = JobStatus.Succeeded, Model = model });

        /// <summary>Save-SqVideo of a piped completed job whose video URL is <paramref name="url"/> (one System.Uri refuses never gets that far).</summary>
        public Task<WireOutcome> SaveVideoUrlAsync(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
                return Task.FromResult(new WireOutcome { Thrown = new UriFormatException("System.Uri refuses '" + url + "'.") });
            return SaveJobsAsync(null, Finished.With(new JobSnapshot { JobUid = Finished.JobUid, Status = JobStatus.Succeeded, VideoUrl = uri }));
        }

        /// <summary>Save-SqVideo over piped <paramref name="jobs"/> with <paramref name="fileName"/> into a new folder.</summary>
        public Task<WireOutcome> SaveJobsAsync(string? fileName, params VideoJob[] jobs)
            => SaveAsync(fileName, async (op, sink) =>
            {
                foreach (VideoJob job in jobs) await op.ProcessAsync(job, null, job, sink, CancellationToken.None);
            });

        private async Task<WireOutcome> SaveAsync(string? fileName, Func<SaveVideoOperation, FakeSink, Task> records)
        {
            string folder = Path.Combine(_folder, (++_folders).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var sink = new FakeSink();
            using (var operation = new SaveVideoOperation(Connection, new SaveVideoOptions { Directory = folder, FileName = fileName, Force = true }))
            {
                await records(operation, sink);
                await operation.CompleteAsync(sink, CancellationToken.None);
            }

            WireOutcome outcome = Collect(sink, new WireOutcome());
            // Nothing may be written outside the case's folder, whatever the name said.
            if (Directory.GetFileSystemEntries(_folder).Length != _folders)
                throw new InvalidOperationException("a file appeared outside the case folders of " + _folder);
            return outcome;
        }

        /// <summary>Connect-SmartlyQ with <paramref name="key"/> and <paramref name="baseUri"/>; a URI System.Uri refuses never gets that far.</summary>
        public async Task<WireOutcome> ConnectAsync(string key, string baseUri)
        {
            var outcome = new WireOutcome();
            Uri uri;
            try
            {
                uri = new Uri(baseUri);
            }
            catch (UriFormatException ex)
            {
                outcome.Thrown = ex;
                return outcome;
            }

            try
            {
                using SmartlyQConnection connection = await ConnectOperation.ConnectAsync(
                    new ConnectParameters { ApiKey = TestSecrets.Secure(key), BaseUri = uri }, new FakeSink(), CancellationToken.None);
                outcome.Written = 1;
            }
            catch (OperationTerminatedException ex)
            {
                outcome.Thrown = ex;
            }

            return outcome;
        }

        /// <summary>The client call without any cmdlet in front: <c>POST /jobs/{uid}/cancel</c>.</summary>
        public async Task<WireOutcome> CancelAsync(string uid)
        {
            var outcome = new WireOutcome();
            try
            {
                await ((IJobCanceller)Connection.Videos).CancelJobAsync(uid, "cancel-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
                outcome.Written = 1;
            }
            catch (ArgumentException ex)
            {
                outcome.Thrown = ex;
            }

            return outcome;
        }

        public void Dispose()
        {
            Connection?.Dispose();
            Server.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static WireOutcome Collect(FakeSink sink, WireOutcome outcome)
        {
            outcome.Errors.AddRange(sink.Errors);
            outcome.Written = sink.Output.Count;
            return outcome;
        }
    }
}
