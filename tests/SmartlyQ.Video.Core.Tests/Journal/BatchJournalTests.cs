using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Journal;
using SmartlyQ.Video.Core.Tests.Support;
using Xunit;

namespace SmartlyQ.Video.Core.Tests.Journal
{
    /// <summary>
    /// The batch journal remembers, across runs, which rows have a job, which were refused and which were sent without an
    /// answer, survives a crash mid-write, keeps every batch id inside its folder, and lets one run at a time write it.
    /// </summary>
    public sealed class BatchJournalTests : IDisposable
    {
        private const string Provider = "openai";
        private const string Identity = "openai|https://api.openai.com/v1|key:3f9a0c";
        private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sq-journal-" + Guid.NewGuid().ToString("N"))).FullName;
        private readonly RecordingTimeProvider _clock = new RecordingTimeProvider();
        private readonly List<BatchJournal> _open = new List<BatchJournal>();

        public void Dispose()
        {
            foreach (BatchJournal journal in _open) journal.Dispose();
            Directory.Delete(_dir, recursive: true);
        }

        private BatchJournal Open(string batchId = "prompts-2026-03", string identity = Identity, string provider = Provider)
        {
            BatchJournal journal = BatchJournal.Open(batchId, provider, identity, _dir, _clock);
            _open.Add(journal);
            return journal;
        }

        private BatchJournal Reopen(BatchJournal journal)
        {
            journal.Dispose();
            return Open(journal.BatchId);
        }

        private static string Key(int n) => "sqb-" + n.ToString("x40");

        private static SubmitSummary Summary(string prompt = "a red fox in the snow") => SubmitSummary.For("sora-2", prompt);

        // Read once closed: outside Windows the open journal's flock also keeps .NET readers out.
        private static string[] Lines(string path) => File.ReadAllText(path, Encoding.UTF8).Split('\n').Where(l => l.Length > 0).ToArray();

        [Fact]
        public void A_rerun_sees_submitted_uncertain_refused_and_resolved_rows()
        {
            BatchJournal journal = Open();
            DateTimeOffset t0 = _clock.Now;
            journal.Begin(Key(1), Summary("one"));
            journal.Complete(Key(1), "video_1");
            _clock.Now = t0.AddSeconds(5);
            journal.Begin(Key(2), Summary("two"));                       // crash: no answer recorded
            journal.Begin(Key(3), Summary("three"));
            journal.Fail(Key(3), "400 invalid_request: duration must be 4, 8 or 12");
            journal.Begin(Key(4), Summary("four"));
            journal.Resolve(Key(4), null, "no listed job created after 12:00:05Z with this model and prompt");
            journal.Begin(Key(5), Summary("five"));
            journal.Resolve(Key(5), "video_5", "listed job created 12:00:06Z, same model and prompt");

            BatchJournal rerun = Reopen(journal);

            BatchRowState submitted = rerun.Lookup(Key(1));
            Assert.Equal(BatchRowStatus.Submitted, submitted.Status);
            Assert.Equal("video_1", submitted.JobId);
            Assert.Equal(t0, submitted.StartedAt);

            BatchRowState uncertain = rerun.Lookup(Key(2));
            Assert.Equal(BatchRowStatus.Uncertain, uncertain.Status);
            Assert.Null(uncertain.JobId);
            Assert.Equal(t0.AddSeconds(5), uncertain.StartedAt);
            Assert.Equal(TimeSpan.Zero, uncertain.StartedAt!.Value.Offset);
            Assert.Equal("sora-2", uncertain.Summary!.Model);
            Assert.Equal(SubmitSummary.Fingerprint("two"), uncertain.Summary.PromptSha256);
            Assert.True(uncertain.Summary.Matches("Sora-2", "two"));
            Assert.False(uncertain.Summary.Matches("sora-2", "two "));

            BatchRowState refused = rerun.Lookup(Key(3));
            Assert.Equal(BatchRowStatus.Refused, refused.Status);
            Assert.Equal("400 invalid_request: duration must be 4, 8 or 12", refused.Reason);

            BatchRowState none = rerun.Lookup(Key(4));
            Assert.Equal(BatchRowStatus.None, none.Status);
            Assert.StartsWith("no listed job", none.Resolution);

            BatchRowState resolved = rerun.Lookup(Key(5));
            Assert.Equal(BatchRowStatus.Submitted, resolved.Status);
            Assert.Equal("video_5", resolved.JobId);
            Assert.StartsWith("listed job", resolved.Resolution);

            BatchRowState never = rerun.Lookup(Key(6));
            Assert.Equal(BatchRowStatus.None, never.Status);
            Assert.Null(never.RecordedAt);
            Assert.Equal(5, rerun.GetRows().Count);
        }

        [Fact]
        public void A_refused_row_submitted_again_gets_its_job_and_the_last_entry_wins()
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());
            journal.Fail(Key(1), "402 insufficient_balance");
            journal.Begin(Key(1), Summary());
            journal.Complete(Key(1), "video_1");

            BatchRowState state = Reopen(journal).Lookup(Key(1));

            Assert.Equal(BatchRowStatus.Submitted, state.Status);
            Assert.Equal("video_1", state.JobId);
            Assert.Null(state.Reason);
        }

        [Fact]
        public void An_uncertain_row_begun_again_keeps_the_first_start_so_an_earlier_job_is_still_matched()
        {
            BatchJournal journal = Open();
            DateTimeOffset first = _clock.Now;
            journal.Begin(Key(1), Summary());
            _clock.Now = first.AddMinutes(10);
            BatchRowState again = journal.Begin(Key(1), Summary());

            Assert.Equal(first, again.StartedAt);
            Assert.Equal(first, Reopen(journal).Lookup(Key(1)).StartedAt);
        }

        [Fact]
        public void A_row_with_a_job_keeps_it()
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());
            journal.Complete(Key(1), "video_1");

            var begin = Assert.Throws<InvalidOperationException>(() => journal.Begin(Key(1), Summary()));
            Assert.Contains("video_1", begin.Message);
            Assert.Throws<InvalidOperationException>(() => journal.Fail(Key(1), "400"));
            Assert.Throws<InvalidOperationException>(() => journal.Resolve(Key(1), null, "not listed"));
            Assert.Throws<InvalidOperationException>(() => journal.Complete(Key(1), "video_2"));
            Assert.Equal("video_1", journal.Complete(Key(1), "video_1").JobId);          // the same answer again: nothing to write
            Assert.Equal("video_1", journal.Resolve(Key(1), "video_1", "listed").JobId);

            journal.Dispose();
            Assert.Equal(1 + 2, Lines(journal.Path).Length);
            Assert.Equal("video_1", Open().Lookup(Key(1)).JobId);
        }

        [Fact]
        public void A_torn_last_line_is_ignored_and_cut_off_so_the_next_entry_starts_clean()
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());
            journal.Complete(Key(1), "video_1");
            journal.Begin(Key(2), Summary());
            string path = journal.Path;
            journal.Dispose();
            // The crash came while the answer for row 2 was being written.
            // Longer than the next entry, so bytes left behind after it would show.
            File.AppendAllText(path, "{\"key\":\"" + Key(2) + "\",\"state\":\"resolved\",\"at\":\"2026-01-01T12:00:00Z\",\"how\":\"" + new string('h', 400));

            BatchJournal rerun = Open();

            Assert.Equal(BatchRowStatus.Submitted, rerun.Lookup(Key(1)).Status);
            Assert.Equal(BatchRowStatus.Uncertain, rerun.Lookup(Key(2)).Status);
            rerun.Resolve(Key(2), "video_2", "listed");
            rerun.Dispose();
            Assert.All(Lines(path), line => JsonDocument.Parse(line).Dispose());
            Assert.Equal("video_2", Open().Lookup(Key(2)).JobId);
        }

        [Theory]
        [InlineData("{\"key\":\"sqb-x\",\"state\":\"subm\n")]                     // complete line, cut JSON
        [InlineData("\0\0\0\0\0\0\0\0\n")]                                          // a block of zeros after power loss
        [InlineData("{\"key\":\"sqb-x\",\"state\":\"teleported\",\"at\":\"2026-01-01T12:00:00Z\"}")]
        public void An_unreadable_last_line_is_never_fatal(string tail)
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());
            journal.Complete(Key(1), "video_1");
            string path = journal.Path;
            journal.Dispose();
            File.AppendAllText(path, tail);

            Assert.Equal("video_1", Open().Lookup(Key(1)).JobId);
        }

        [Fact]
        public void A_torn_header_of_a_new_journal_starts_it_over()
        {
            string path = BatchJournal.PathFor("prompts-2026-03", Provider, _dir);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{\"format\":\"smartlyq-vid");

            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());

            journal.Dispose();
            Assert.StartsWith("{\"format\":\"smartlyq-video-batch-journal\"", Lines(path)[0]);
            Assert.Equal(BatchRowStatus.Uncertain, Open().Lookup(Key(1)).Status);
        }

        [Fact]
        public void A_damaged_line_before_the_last_fails_the_open_rather_than_forget_a_job()
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());
            journal.Complete(Key(1), "video_1");
            string path = journal.Path;
            journal.Dispose();
            string[] lines = File.ReadAllLines(path);
            lines[1] = "{\"key\":";
            File.WriteAllText(path, string.Join("\n", lines) + "\n");

            var ex = Assert.Throws<InvalidDataException>(() => Open());

            Assert.Contains("line 2", ex.Message);
            Assert.Contains(path, ex.Message);
            Assert.Equal(string.Join("\n", lines) + "\n", File.ReadAllText(path));   // left as found
        }

        [Fact]
        public void A_journal_of_a_newer_format_is_not_touched()
        {
            string path = BatchJournal.PathFor("b", Provider, _dir);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string content = "{\"format\":\"smartlyq-video-batch-journal\",\"version\":2,\"batch_id\":\"b\",\"provider\":\"openai\",\"identity_sha256\":\"x\"}\n{\"new\":1}\n{\"torn";
            File.WriteAllText(path, content);

            var ex = Assert.Throws<InvalidDataException>(() => Open("b"));

            Assert.Contains("newer", ex.Message);
            Assert.Equal(content, File.ReadAllText(path));
        }

        [Fact]
        public void Another_account_or_another_batchs_file_is_refused()
        {
            Open().Dispose();

            var account = Assert.Throws<InvalidOperationException>(() => Open(identity: "openai|https://api.openai.com/v1|key:77aa01"));
            Assert.Contains("another openai account", account.Message);
            Assert.DoesNotContain("77aa01", account.Message);

            string other = BatchJournal.PathFor("other-batch", Provider, _dir);
            File.Copy(BatchJournal.PathFor("prompts-2026-03", Provider, _dir), other);
            var copied = Assert.Throws<InvalidOperationException>(() => Open("other-batch"));
            Assert.Contains("belongs to batch 'prompts-2026-03'", copied.Message);
        }

        [Fact]
        public void Ids_that_sanitise_alike_get_different_files()
        {
            string[] ids = { "a/b", "a:b", "a?b", "a b", "a\\b", "A/B", "a/b/", "a__b", "a_b" };

            string[] names = ids.Select(id => Path.GetFileName(BatchJournal.PathFor(id, Provider, _dir))).ToArray();

            Assert.Equal(ids.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(names.Take(4), name => Assert.StartsWith("a_b-", name));
            foreach (string id in ids) Open(id).Begin(Key(1), Summary());
            Assert.Equal(ids.Length, Directory.GetFiles(Path.Combine(_dir, Provider)).Length);
        }

        [Theory]
        [InlineData("..\\..\\x")]
        [InlineData("../../x")]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("a/b")]
        [InlineData("/etc/passwd")]
        [InlineData("C:\\Windows\\x")]
        [InlineData("\\\\server\\share\\x")]
        [InlineData("con")]
        [InlineData("NUL.txt")]
        [InlineData("com1.tar.gz")]
        [InlineData(".hidden")]
        [InlineData("~")]
        [InlineData("$HOME")]
        [InlineData("日本語のバッチ")]
        [InlineData("x*?<>|\"")]
        public void Path_hostile_batch_ids_stay_inside_the_directory(string batchId)
        {
            BatchJournal journal = Open(batchId);
            journal.Begin(Key(1), Summary());

            string folder = Path.Combine(_dir, Provider);
            Assert.Equal(folder, Path.GetDirectoryName(journal.Path));
            string name = Path.GetFileName(journal.Path);
            Assert.Matches("^[A-Za-z0-9_][A-Za-z0-9._-]{0,64}-[0-9a-f]{16}\\.jsonl$", name);
            Assert.DoesNotMatch("^(?i:con|prn|aux|nul|com[0-9]|lpt[0-9])(\\.|-)", name);
            Assert.Equal(new[] { journal.Path }, Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
            Assert.Equal(batchId, Reopen(journal).BatchId);
        }

        [Fact]
        public void A_300_character_batch_id_gets_a_capped_name_that_still_tells_long_ids_apart()
        {
            string a = new string('x', 299) + "a", b = new string('x', 299) + "b";

            BatchJournal journal = Open(a);
            string other = BatchJournal.PathFor(b, Provider, _dir);

            string name = Path.GetFileName(journal.Path);
            Assert.Equal(64 + 1 + 16 + ".jsonl".Length, name.Length);
            Assert.NotEqual(journal.Path, other);
            Assert.Equal(Path.Combine(_dir, Provider), Path.GetDirectoryName(journal.Path));
        }

        [Fact]
        public void Surrounding_spaces_are_ignored_like_BatchKeys_does()
        {
            Assert.Equal(BatchJournal.PathFor("batch-1", Provider, _dir), BatchJournal.PathFor("  batch-1 ", Provider, _dir));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("batch\n1")]
        [InlineData("batch\r")]
        [InlineData("ba\0tch")]
        [InlineData("batch\u0085")]
        [InlineData("batch\u2028")]
        public void A_blank_batch_id_or_one_with_a_control_character_is_refused_naming_BatchId(string? batchId)
        {
            var ex = Assert.Throws<ArgumentException>(() => BatchJournal.Open(batchId!, Provider, Identity, _dir));

            Assert.Equal("BatchId", ex.ParamName);
            Assert.StartsWith("BatchId", ex.Message);
            Assert.Empty(Directory.GetFileSystemEntries(_dir));
        }

        [Theory]
        [InlineData("")]
        [InlineData("..")]
        [InlineData(".openai")]
        [InlineData("open/ai")]
        [InlineData("open\\ai")]
        [InlineData("open ai")]
        public void A_provider_that_is_not_a_plain_name_is_refused(string provider)
        {
            var ex = Assert.Throws<ArgumentException>(() => BatchJournal.Open("b", provider, Identity, _dir));

            Assert.Equal("provider", ex.ParamName);
        }

        [Fact]
        public void The_provider_folder_is_lower_case()
        {
            Assert.Equal(Path.Combine(_dir, "nanogpt"), Path.GetDirectoryName(Open(provider: "NanoGPT").Path));
        }

        [Theory]
        [InlineData("")]
        [InlineData("sqb 1")]
        [InlineData("sqb-\n")]
        [InlineData("sqb-é")]
        public void An_invalid_row_key_is_refused(string rowKey)
        {
            BatchJournal journal = Open();

            Assert.Equal("rowKey", Assert.Throws<ArgumentException>(() => journal.Begin(rowKey, Summary())).ParamName);
            Assert.Equal("rowKey", Assert.Throws<ArgumentException>(() => journal.Lookup(rowKey)).ParamName);
            Assert.Equal("rowKey", Assert.Throws<ArgumentException>(() => journal.Lookup(new string('k', 256))).ParamName);
            Assert.Equal(BatchRowStatus.None, journal.Lookup(new string('k', 255)).Status);
        }

        [Fact]
        public async Task Sixteen_threads_beginning_and_completing_at_once_lose_nothing()
        {
            const int threads = 16, rowsEach = 25;
            BatchJournal journal = Open();
            using (var start = new Barrier(threads))
            {
                Task[] workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(() =>
                {
                    start.SignalAndWait();
                    for (int r = 0; r < rowsEach; r++)
                    {
                        int n = t * rowsEach + r;
                        journal.Begin(Key(n), Summary("prompt " + n));
                        Assert.Equal(BatchRowStatus.Uncertain, journal.Lookup(Key(n)).Status);
                        journal.Complete(Key(n), "video_" + n);
                    }
                }, TaskCreationOptions.LongRunning)).ToArray();
                await Task.WhenAll(workers);
            }

            journal.Dispose();
            Assert.Equal(1 + 2 * threads * rowsEach, Lines(journal.Path).Length);
            BatchJournal rerun = Open();
            for (int n = 0; n < threads * rowsEach; n++)
            {
                BatchRowState state = rerun.Lookup(Key(n));
                Assert.Equal(BatchRowStatus.Submitted, state.Status);
                Assert.Equal("video_" + n, state.JobId);
                Assert.True(state.Summary!.Matches("sora-2", "prompt " + n));
            }
        }

        [Fact]
        public void A_second_open_of_the_batch_fails_with_a_clear_message_until_the_first_is_closed()
        {
            BatchJournal first = Open("nightly run");

            var ex = Assert.Throws<BatchJournalInUseException>(() => Open("nightly run"));

            Assert.IsAssignableFrom<IOException>(ex);
            Assert.StartsWith("batch 'nightly run' is in use by another PowerShell session: " + first.Path, ex.Message);
            Assert.Equal(first.Path, ex.Path);
            Assert.Equal("nightly run", ex.BatchId);
            first.Begin(Key(1), Summary());                                   // the first is unharmed
            first.Dispose();
            Assert.Equal(BatchRowStatus.Uncertain, Open("nightly run").Lookup(Key(1)).Status);
        }

        [Fact]
        public void Another_process_sees_the_batch_locked_until_it_is_closed()
        {
            // Outside Windows .NET keeps writers apart with flock, so util-linux flock(1) in a child process sees exactly
            // what a second PowerShell session would. (On Windows the sharing violation is per file, any process.)
            const string tool = "/usr/bin/flock";
            if (OperatingSystem.IsWindows() || !File.Exists(tool)) return;
            BatchJournal journal = Open();

            Assert.Equal(1, RunFlock(tool, journal.Path));
            journal.Dispose();
            Assert.Equal(0, RunFlock(tool, journal.Path));
        }

        private static int RunFlock(string tool, string path)
        {
            var start = new System.Diagnostics.ProcessStartInfo(tool) { UseShellExecute = false };
            foreach (string arg in new[] { "--nonblock", "--shared", "--conflict-exit-code", "1", path, "true" }) start.ArgumentList.Add(arg);
            using (var process = System.Diagnostics.Process.Start(start)!)
            {
                Assert.True(process.WaitForExit(30_000));
                return process.ExitCode;
            }
        }

        [Fact]
        public void Another_batch_or_provider_is_not_blocked()
        {
            Open("a");
            Open("b");
            Open("a", provider: "nanogpt");
        }

        [Fact]
        public void The_file_holds_only_the_documented_fields()
        {
            const string prompt = "a confidential product launch teaser";
            BatchJournal journal = Open("launch/2026");
            journal.Begin(Key(1), Summary(prompt));
            journal.Complete(Key(1), "video_1");
            journal.Begin(Key(2), Summary(prompt));
            journal.Fail(Key(2), "400 invalid_request");
            journal.Begin(Key(3), Summary(prompt));
            journal.Resolve(Key(3), null, "not listed");
            journal.Begin(Key(4), Summary(prompt));
            journal.Resolve(Key(4), "video_4", "listed");
            journal.Dispose();

            string text = File.ReadAllText(journal.Path);
            Assert.DoesNotContain(Identity, text);
            Assert.DoesNotContain("3f9a0c", text);
            Assert.DoesNotContain("confidential", text);
            Assert.DoesNotContain("\r", text);
            Assert.EndsWith("\n", text);

            var shapes = new Dictionary<string, string>
            {
                ["header"] = "batch_id created_at format identity_sha256 provider version",
                ["submitting"] = "at key model prompt_sha256 state",
                ["submitted"] = "at job_id key state",
                ["refused"] = "at key reason state",
                ["resolved"] = "at how job_id? key state",
            };
            string[] lines = Lines(journal.Path);
            Assert.Equal(1 + 8, lines.Length);
            for (int i = 0; i < lines.Length; i++)
            {
                using (JsonDocument line = JsonDocument.Parse(lines[i]))
                {
                    JsonElement root = line.RootElement;
                    string kind = i == 0 ? "header" : root.GetProperty("state").GetString()!;
                    string names = string.Join(" ", root.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                    Assert.Matches("^" + shapes[kind].Replace("job_id? ", "(job_id )?") + "$", names);
                    foreach (JsonProperty p in root.EnumerateObject())
                    {
                        if (p.Name == "at" || p.Name == "created_at") Assert.Matches("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$", p.Value.GetString());
                        if (p.Name.EndsWith("sha256", StringComparison.Ordinal)) Assert.Matches("^[0-9a-f]{64}$", p.Value.GetString());
                    }
                }
            }

            Assert.Contains("\"batch_id\":\"launch/2026\"", lines[0]);
        }

        [Fact]
        public void Long_reasons_are_cut_and_blank_ones_refused()
        {
            BatchJournal journal = Open();
            journal.Begin(Key(1), Summary());

            Assert.Equal("reason", Assert.Throws<ArgumentException>(() => journal.Fail(Key(1), " ")).ParamName);
            Assert.Equal("how", Assert.Throws<ArgumentException>(() => journal.Resolve(Key(1), null, "")).ParamName);
            Assert.Equal("jobId", Assert.Throws<ArgumentException>(() => journal.Complete(Key(1), "")).ParamName);
            string reason = journal.Fail(Key(1), new string('r', 5000)).Reason!;
            Assert.Equal(BatchJournal.MaxTextLength, reason.Length);
            Assert.EndsWith("…", reason);
        }

        [Fact]
        public void A_closed_journal_refuses_use_and_releases_the_file()
        {
            BatchJournal journal = Open();
            journal.Dispose();
            journal.Dispose();

            Assert.Throws<ObjectDisposedException>(() => journal.Lookup(Key(1)));
            Assert.Throws<ObjectDisposedException>(() => journal.Begin(Key(1), Summary()));
            File.Delete(journal.Path);
        }

        [Fact]
        public void The_default_directory_is_under_local_application_data()
        {
            string expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "SmartlyQ.Video", "journal");

            Assert.Equal(expected, BatchJournal.DefaultDirectory);
            Assert.Equal(Path.Combine(expected, Provider), Path.GetDirectoryName(BatchJournal.PathFor("b", Provider)));
        }

        [Fact]
        public void A_summary_fingerprints_the_exact_prompt()
        {
            Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SubmitSummary.Fingerprint(null));
            Assert.Equal(SubmitSummary.Fingerprint(""), SubmitSummary.For("m", null).PromptSha256);
            Assert.NotEqual(SubmitSummary.Fingerprint("fox"), SubmitSummary.Fingerprint("Fox"));
            Assert.Equal("model", Assert.Throws<ArgumentException>(() => SubmitSummary.For(" ", "p")).ParamName);
            Assert.Equal("model", Assert.Throws<ArgumentException>(() => SubmitSummary.For("m\n", "p")).ParamName);
        }
    }
}
