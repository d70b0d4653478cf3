using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// The local record of one batch's submissions (New-SqVideo -BatchId) for providers without server-side
    /// idempotency: per row key, whether a submit was started and which job it got, written to disk before and after
    /// each submit, so a re-run of the batch submits nothing that already has a job and reports what it cannot know
    /// instead of paying twice.
    /// <para>
    /// <b>File.</b> <c>&lt;directory&gt;/&lt;provider&gt;/&lt;batch file name&gt;.jsonl</c> (see <see cref="PathFor"/>),
    /// UTF-8 JSON lines, append-only. The first line is the header:
    /// <c>{"format":"smartlyq-video-batch-journal","version":1,"batch_id":"…","provider":"openai","identity_sha256":"&lt;64 hex&gt;","created_at":"…Z"}</c>.
    /// Every other line is one entry, <c>key</c> being the row key and <c>at</c> the UTC time it was written:
    /// <list type="bullet">
    /// <item><c>{"key":"sqb-…","state":"submitting","at":"…Z","model":"sora-2","prompt_sha256":"&lt;64 hex&gt;"}</c> (<see cref="Begin"/>)</item>
    /// <item><c>{"key":"sqb-…","state":"submitted","at":"…Z","job_id":"video_123"}</c> (<see cref="Complete"/>)</item>
    /// <item><c>{"key":"sqb-…","state":"refused","at":"…Z","reason":"…"}</c> (<see cref="Fail"/>)</item>
    /// <item><c>{"key":"sqb-…","state":"resolved","at":"…Z","job_id":"video_123","how":"…"}</c>, <c>job_id</c> absent when
    /// no job was found (<see cref="Resolve"/>)</item>
    /// </list>
    /// Nothing else is written: no API key, no prompt text (only its SHA-256), no URL; the identity only as a SHA-256.
    /// </para>
    /// <para>
    /// <b>Replay.</b> On open the file is read back: the last entry per key wins. An entry counts once its line is
    /// complete; a last line that is cut short or unreadable (a crash mid-write) is ignored and cut off, never fatal.
    /// That is always safe: an entry is flushed before the call that writes it returns, so a lost <c>submitting</c>
    /// line means the request was never sent, and a lost answer leaves the row <see cref="BatchRowStatus.Uncertain"/>.
    /// An unreadable line before the last one is not a crash's trace but damage, and fails the open
    /// (<see cref="InvalidDataException"/>) rather than forget a job.
    /// </para>
    /// <para>
    /// <b>Concurrency.</b> Thread-safe: each call appends its line and flushes it to disk (<c>FileStream.Flush(true)</c>)
    /// under one lock, so the file's order is the order calls returned. The file stays open until <see cref="Dispose"/>,
    /// shared for reading on Windows and exclusively locked (<c>flock</c>) elsewhere, where .NET's read sharing does not
    /// stop a second writer; a second open of the same batch, in this process or another, fails with
    /// <see cref="BatchJournalInUseException"/>. (Unix readers such as <c>cat</c> still work; .NET readers wait for the run to end.)
    /// </para>
    /// <para>
    /// <b>Rules.</b> A row that has a job keeps it: <see cref="Begin"/>, <see cref="Fail"/>, or a
    /// <see cref="Complete"/>/<see cref="Resolve"/> naming another job, throw <see cref="InvalidOperationException"/>
    /// for it, since any of them would let a re-run pay twice. Everything else is recorded as told.
    /// </para>
    /// </summary>
    public sealed class BatchJournal : IDisposable
    {
        /// <summary>The header's <c>format</c> value.</summary>
        public const string Format = "smartlyq-video-batch-journal";

        /// <summary>The file format version written and read.</summary>
        public const int FormatVersion = 1;

        /// <summary>Longest reason or resolution text kept, in characters; longer text is cut (with "…").</summary>
        public const int MaxTextLength = 1000;

        private const string Submitting = "submitting";
        private const string SubmittedState = "submitted";
        private const string RefusedState = "refused";
        private const string ResolvedState = "resolved";

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private readonly object _gate = new object();
        private readonly Dictionary<string, BatchRowState> _rows = new Dictionary<string, BatchRowState>(StringComparer.Ordinal);
        private readonly FileStream _file;
        private readonly TimeProvider _clock;
        private long _length;
        private Exception? _broken;
        private bool _disposed;

        private BatchJournal(string batchId, string provider, string path, FileStream file, TimeProvider clock)
        {
            BatchId = batchId;
            Provider = provider;
            Path = path;
            _file = file;
            _clock = clock;
        }

        /// <summary>The batch id, trimmed.</summary>
        public string BatchId { get; }

        /// <summary>The provider folder name, lower-case.</summary>
        public string Provider { get; }

        /// <summary>Full path of the journal file.</summary>
        public string Path { get; }

        /// <summary>
        /// <c>LocalApplicationData/SmartlyQ.Video/journal</c>: <c>%LOCALAPPDATA%\SmartlyQ.Video\journal</c> on Windows,
        /// <c>$XDG_DATA_HOME/SmartlyQ.Video/journal</c> (by default <c>~/.local/share/…</c>) on Linux and macOS.
        /// Throws <see cref="InvalidOperationException"/> when the OS reports no such folder (e.g. no HOME): pass a directory then.
        /// </summary>
        public static string DefaultDirectory
        {
            get
            {
                string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (string.IsNullOrEmpty(root))
                    throw new InvalidOperationException("This system reports no local application data folder (is HOME set?), so the batch journal has no default place; pass -JournalPath.");
                return System.IO.Path.Combine(root, "SmartlyQ.Video", "journal");
            }
        }

        /// <summary>
        /// Full path of the journal of <paramref name="batchId"/> for <paramref name="provider"/>, without opening it:
        /// <c>&lt;directory&gt;/&lt;provider&gt;/&lt;readable id&gt;-&lt;16 hex&gt;.jsonl</c>. The readable part is the
        /// id's <c>[A-Za-z0-9._-]</c> (others replaced by <c>_</c>, at most 64, no leading dot, no Windows device name);
        /// the hex is the start of the SHA-256 of the exact trimmed id. <paramref name="directory"/> null means
        /// <see cref="DefaultDirectory"/>; a relative one is resolved against the process's current directory (which in
        /// PowerShell is not <c>$PWD</c>: resolve it first). Throws <see cref="ArgumentException"/> naming
        /// <c>BatchId</c> or <c>provider</c> as <see cref="Open"/> does.
        /// </summary>
        public static string PathFor(string batchId, string provider, string? directory = null)
            => PathOf(BatchFileName.CheckBatchId(batchId), BatchFileName.CheckProvider(provider), directory);

        /// <summary><see cref="PathFor"/> for an already checked id and provider folder.</summary>
        private static string PathOf(string id, string folder, string? directory)
        {
            string root = System.IO.Path.GetFullPath(string.IsNullOrEmpty(directory) ? DefaultDirectory : directory);
            return System.IO.Path.Combine(root, folder, BatchFileName.For(id));
        }

        /// <summary>
        /// Opens (creating it and its folders if needed) the journal of <paramref name="batchId"/> for
        /// <paramref name="provider"/> at <see cref="PathFor"/>, replays it, and holds it until <see cref="Dispose"/>.
        /// </summary>
        /// <param name="batchId">The -BatchId: any text without control characters; surrounding spaces are ignored.</param>
        /// <param name="provider">Provider folder name, 1–64 of <c>[A-Za-z0-9._-]</c> (e.g. <c>openai</c>, <c>nanogpt</c>).</param>
        /// <param name="identity">
        /// Which account and endpoint the batch's jobs belong to, e.g. <c>openai|https://api.openai.com/v1|key:3f9a…</c>: a
        /// non-secret string, never a key. Only its SHA-256 is stored. Choose what stays the same for the account (a
        /// key's fingerprint changes when the key is rotated, and then the batch refuses to continue).
        /// </param>
        /// <param name="directory">Journal root (the cmdlet's -JournalPath); null for <see cref="DefaultDirectory"/>.</param>
        /// <param name="timeProvider">Clock for entry times; null for the system clock.</param>
        /// <exception cref="ArgumentException">ParamName <c>BatchId</c>: blank or a control character; <c>provider</c>: not a plain name; <c>identity</c>: empty.</exception>
        /// <exception cref="BatchJournalInUseException">Another journal, in this or another process, holds the batch.</exception>
        /// <exception cref="InvalidOperationException">The file belongs to another batch id or identity (another account or endpoint).</exception>
        /// <exception cref="InvalidDataException">The file is not a journal, is of a newer format, or has a damaged line before its last.</exception>
        /// <exception cref="IOException">Other file errors (no space, read-only disk); <see cref="UnauthorizedAccessException"/> when access is denied.</exception>
        public static BatchJournal Open(string batchId, string provider, string identity, string? directory = null, TimeProvider? timeProvider = null)
        {
            string id = BatchFileName.CheckBatchId(batchId);
            string folder = BatchFileName.CheckProvider(provider);
            if (string.IsNullOrEmpty(identity)) throw new ArgumentException("identity must not be empty.", nameof(identity));
            string identitySha256 = Sha256(identity);
            string path = PathOf(id, folder, directory);

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            FileStream file;
            try
            {
                // FileShare.Read lets Windows readers in; elsewhere only FileShare.None takes the flock that keeps a
                // second writer out (.NET takes no lock for a shared writer there). Buffer size 1: unbuffered, so a
                // failed write leaves no bytes behind in a buffer to reach the file later.
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, IsWindows ? FileShare.Read : FileShare.None, 1, FileOptions.None);
            }
            catch (IOException ex) when (IsInUse(ex))
            {
                throw new BatchJournalInUseException(id, path, ex);
            }

            var journal = new BatchJournal(id, folder, path, file, timeProvider ?? TimeProvider.System);
            try
            {
                journal.Replay(identitySha256);
                return journal;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>
        /// What the journal knows of <paramref name="rowKey"/>: <see cref="BatchRowStatus.None"/> for a row never
        /// recorded. Throws <see cref="ArgumentException"/> (ParamName <c>rowKey</c>) for an invalid key,
        /// <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
        /// </summary>
        public BatchRowState Lookup(string rowKey)
        {
            CheckRowKey(rowKey);
            lock (_gate)
            {
                ThrowIfDisposed();
                return _rows.TryGetValue(rowKey, out BatchRowState? state) ? state : BatchRowState.Unknown(rowKey);
            }
        }

        /// <summary>Every row recorded, in no particular order (e.g. to reconcile all uncertain rows with one job list).</summary>
        public IReadOnlyList<BatchRowState> GetRows()
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                return new List<BatchRowState>(_rows.Values);
            }
        }

        /// <summary>
        /// Records, on disk, that the submit of <paramref name="rowKey"/> is about to be sent: call it before the request
        /// and send only once it returns. The row is <see cref="BatchRowStatus.Uncertain"/> until
        /// <see cref="Complete"/>, <see cref="Fail"/> or <see cref="Resolve"/>. Returns the new state.
        /// </summary>
        /// <exception cref="ArgumentException">Invalid <paramref name="rowKey"/>; null <paramref name="summary"/>.</exception>
        /// <exception cref="InvalidOperationException">The row already has a job: it must not be submitted again.</exception>
        /// <exception cref="IOException">The entry could not be written: do not submit.</exception>
        public BatchRowState Begin(string rowKey, SubmitSummary summary)
        {
            CheckRowKey(rowKey);
            if (summary == null) throw new ArgumentNullException(nameof(summary));
            lock (_gate)
            {
                BatchRowState current = Current(rowKey);
                if (current.Status == BatchRowStatus.Submitted)
                    throw new InvalidOperationException("Row " + rowKey + " of batch '" + UnsafeCharacters.Show(BatchId) + "' already has job " + current.JobId
                        + "; submitting it again would create and charge a second job.");
                return Append(new JournalEntryDto { Key = rowKey, State = Submitting, Model = summary.Model, PromptSha256 = summary.PromptSha256 }, current);
            }
        }

        /// <summary>
        /// Records, on disk, that the API answered <paramref name="rowKey"/>'s submit with job <paramref name="jobId"/>
        /// (a 2xx): the row is <see cref="BatchRowStatus.Submitted"/> for good. The same job again is a no-op.
        /// </summary>
        /// <exception cref="ArgumentException">Invalid <paramref name="rowKey"/>; empty <paramref name="jobId"/>.</exception>
        /// <exception cref="InvalidOperationException">The row already has another job.</exception>
        /// <exception cref="IOException">The entry could not be written.</exception>
        public BatchRowState Complete(string rowKey, string jobId)
        {
            CheckRowKey(rowKey);
            CheckJobId(jobId, nameof(jobId));
            lock (_gate)
            {
                BatchRowState current = Current(rowKey);
                if (KeepsJob(current, jobId, "complete")) return current;
                return Append(new JournalEntryDto { Key = rowKey, State = SubmittedState, JobId = jobId }, current);
            }
        }

        /// <summary>
        /// Records, on disk, that the API definitively refused <paramref name="rowKey"/>'s submit (a 4xx such as a
        /// validation error or too little balance: no job was created), so a re-run may submit it again.
        /// <paramref name="reason"/> is kept for the report (cut to <see cref="MaxTextLength"/>; it must hold no secret).
        /// Not for timeouts, 5xx or lost connections: those leave the row uncertain.
        /// </summary>
        /// <exception cref="ArgumentException">Invalid <paramref name="rowKey"/>; blank <paramref name="reason"/>.</exception>
        /// <exception cref="InvalidOperationException">The row already has a job.</exception>
        /// <exception cref="IOException">The entry could not be written.</exception>
        public BatchRowState Fail(string rowKey, string reason)
        {
            CheckRowKey(rowKey);
            string text = CheckText(reason, nameof(reason));
            lock (_gate)
            {
                BatchRowState current = Current(rowKey);
                KeepsJob(current, null, "record a refusal for");
                return Append(new JournalEntryDto { Key = rowKey, State = RefusedState, Reason = text }, current);
            }
        }

        /// <summary>
        /// Records, on disk, what reconciliation decided for an uncertain row: <paramref name="jobId"/> is the job the
        /// lost submit created (the row becomes <see cref="BatchRowStatus.Submitted"/>), or null when the provider's job
        /// list shows it created none (the row becomes <see cref="BatchRowStatus.None"/>: safe to submit).
        /// <paramref name="how"/> says how it was decided (e.g. <c>listed job created 10:00:03Z, same model and prompt</c>;
        /// cut to <see cref="MaxTextLength"/>). The same job again is a no-op.
        /// </summary>
        /// <exception cref="ArgumentException">Invalid <paramref name="rowKey"/>; empty <paramref name="jobId"/> (use null); blank <paramref name="how"/>.</exception>
        /// <exception cref="InvalidOperationException">The row already has another job (or, for null, any job).</exception>
        /// <exception cref="IOException">The entry could not be written.</exception>
        public BatchRowState Resolve(string rowKey, string? jobId, string how)
        {
            CheckRowKey(rowKey);
            if (jobId != null) CheckJobId(jobId, nameof(jobId));
            string text = CheckText(how, nameof(how));
            lock (_gate)
            {
                BatchRowState current = Current(rowKey);
                if (KeepsJob(current, jobId, "resolve")) return current;
                return Append(new JournalEntryDto { Key = rowKey, State = ResolvedState, JobId = jobId, How = text }, current);
            }
        }

        /// <summary>Closes the file, releasing the batch for another session. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _file.Dispose();
            }
        }

        /// <summary>The row's state under the lock, after checking the journal is usable.</summary>
        private BatchRowState Current(string rowKey)
        {
            ThrowIfDisposed();
            if (_broken != null)
                throw new IOException("The journal of batch '" + UnsafeCharacters.Show(BatchId) + "' could not be written and is closed for this run: " + Path + ". " + _broken.Message, _broken);
            return _rows.TryGetValue(rowKey, out BatchRowState? state) ? state : BatchRowState.Unknown(rowKey);
        }

        /// <summary>
        /// True when the row already has <paramref name="jobId"/> (nothing to write); throws when it has another job
        /// (or any job, for a null <paramref name="jobId"/>); false when the row has no job.
        /// </summary>
        private bool KeepsJob(BatchRowState current, string? jobId, string action)
        {
            if (current.Status != BatchRowStatus.Submitted) return false;
            if (jobId != null && string.Equals(current.JobId, jobId, StringComparison.Ordinal)) return true;
            throw new InvalidOperationException("Cannot " + action + " row " + current.RowKey + " of batch '" + UnsafeCharacters.Show(BatchId) + "': it already has job "
                + current.JobId + (jobId != null ? ", not " + jobId : "") + ". The journal keeps a row's job so that a re-run never pays for it twice.");
        }

        /// <summary>Writes <paramref name="entry"/> as one line, flushes it to disk, then applies it to <paramref name="before"/>. Under the lock.</summary>
        private BatchRowState Append(JournalEntryDto entry, BatchRowState before)
        {
            entry.At = _clock.GetUtcNow().UtcDateTime;
            WriteLine(JsonSerializer.SerializeToUtf8Bytes(entry, JournalJsonContext.Default.JournalEntryDto));
            // Applied only once on disk: a failed write leaves the state as the file has it.
            BatchRowState state = Apply(entry, before);
            _rows[entry.Key!] = state;
            return state;
        }

        private void WriteLine(byte[] json)
        {
            var line = new byte[json.Length + 1];
            Buffer.BlockCopy(json, 0, line, 0, json.Length);
            line[json.Length] = (byte)'\n';
            try
            {
                _file.Position = _length;
                _file.Write(line, 0, line.Length);
                _file.Flush(true);
                _length += line.Length;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Cut a partial line off, so the next entry does not continue it (that would turn a torn tail into
                // damage in the middle). If even that fails, stop writing: the file's tail is unknown.
                try
                {
                    _file.SetLength(_length);
                    _file.Flush(true);
                }
                catch (Exception cut) when (cut is IOException || cut is UnauthorizedAccessException)
                {
                    _broken = ex;
                }

                throw;
            }
        }

        /// <summary>The state after <paramref name="entry"/> (already validated) given the state before it.</summary>
        private static BatchRowState Apply(JournalEntryDto entry, BatchRowState before)
        {
            string key = entry.Key!;
            DateTimeOffset at = new DateTimeOffset(DateTime.SpecifyKind(entry.At!.Value, DateTimeKind.Utc));
            switch (entry.State)
            {
                case Submitting:
                    // Begun again without an answer in between: a job may date from the first attempt, so keep its start.
                    DateTimeOffset started = before.Status == BatchRowStatus.Uncertain && before.StartedAt.HasValue && before.StartedAt.Value < at ? before.StartedAt.Value : at;
                    return new BatchRowState(key, BatchRowStatus.Uncertain, null, started, SubmitSummary.TryRead(entry.Model, entry.PromptSha256), null, null, at);
                case SubmittedState:
                    return new BatchRowState(key, BatchRowStatus.Submitted, entry.JobId, before.StartedAt, before.Summary, null, null, at);
                case RefusedState:
                    return new BatchRowState(key, BatchRowStatus.Refused, null, before.StartedAt, before.Summary, entry.Reason, null, at);
                default:
                    return new BatchRowState(key, entry.JobId != null ? BatchRowStatus.Submitted : BatchRowStatus.None, entry.JobId,
                        before.StartedAt, before.Summary, null, entry.How, at);
            }
        }

        /// <summary>Reads the file back into <see cref="_rows"/>, cuts a torn last line off, and writes the header of a new file.</summary>
        private void Replay(string identitySha256)
        {
            byte[] content = ReadAll();
            var lines = new List<(int Start, int End)>();
            int start = 0;
            for (int i = 0; i < content.Length; i++)
            {
                if (content[i] != (byte)'\n') continue;
                lines.Add((start, i));
                start = i + 1;
            }

            // Bytes after the last newline: a line whose write never finished.
            long validLength = start;
            JournalHeaderDto? header = null;
            for (int n = 0; n < lines.Count; n++)
            {
                (int s, int e) = lines[n];
                if (e > s && content[e - 1] == (byte)'\r') e--;
                var bytes = new ReadOnlySpan<byte>(content, s, e - s);
                bool last = n == lines.Count - 1;
                if (header == null)
                {
                    header = ReadHeader(bytes);
                    if (header != null)
                    {
                        // Before anything else is read or cut: a newer format's entries are not this code's to judge.
                        CheckHeader(header, identitySha256);
                        continue;
                    }

                    if (last) { validLength = s; break; }
                    throw Damaged(n + 1, "it is not a batch journal header");
                }

                if (IsBlank(bytes)) continue;
                JournalEntryDto? entry = ReadEntry(bytes);
                if (entry == null)
                {
                    if (last) { validLength = s; break; }
                    throw Damaged(n + 1, "it is not a journal entry");
                }

                _rows[entry.Key!] = Apply(entry, _rows.TryGetValue(entry.Key!, out BatchRowState? before) ? before : BatchRowState.Unknown(entry.Key!));
            }

            if (validLength < content.Length)
            {
                _file.SetLength(validLength);
                _file.Flush(true);
            }

            _length = validLength;
            if (header == null)
                WriteLine(JsonSerializer.SerializeToUtf8Bytes(new JournalHeaderDto
                {
                    Format = Format,
                    Version = FormatVersion,
                    BatchId = BatchId,
                    Provider = Provider,
                    IdentitySha256 = identitySha256,
                    CreatedAt = _clock.GetUtcNow().UtcDateTime,
                }, JournalJsonContext.Default.JournalHeaderDto));
        }

        /// <summary>Throws unless <paramref name="header"/> is this code's format, this batch and this identity.</summary>
        private void CheckHeader(JournalHeaderDto header, string identitySha256)
        {
            if (header.Version > FormatVersion)
                throw new InvalidDataException("The journal of batch '" + UnsafeCharacters.Show(BatchId) + "' was written by a newer SmartlyQ.Video (format "
                    + header.Version.Value.ToString(CultureInfo.InvariantCulture) + "): " + Path + ". Update the module to continue this batch.");
            if (!string.Equals(header.BatchId, BatchId, StringComparison.Ordinal) || !string.Equals(header.Provider, Provider, StringComparison.Ordinal))
                throw new InvalidOperationException("The journal file " + Path + " belongs to batch '" + UnsafeCharacters.Show(header.BatchId) + "' (" + UnsafeCharacters.Show(header.Provider)
                    + "), not '" + UnsafeCharacters.Show(BatchId) + "' (" + Provider + "); move it away, or use another -JournalPath.");
            if (!string.Equals(header.IdentitySha256, identitySha256, StringComparison.Ordinal))
                throw new InvalidOperationException("Batch '" + UnsafeCharacters.Show(BatchId) + "' was started with another " + Provider + " account or endpoint than this session's ("
                    + Path + "). Its jobs belong to that account: connect as it to continue, or run under a new -BatchId (rows already submitted would then be submitted and charged again).");
        }

        private byte[] ReadAll()
        {
            long size = _file.Length;
            if (size > int.MaxValue) throw new InvalidDataException("The journal " + Path + " is too large to be a batch journal.");
            var content = new byte[size];
            _file.Position = 0;
            int read = 0;
            while (read < content.Length)
            {
                int n = _file.Read(content, read, content.Length - read);
                if (n == 0) break;
                read += n;
            }

            if (read == content.Length) return content;
            var shorter = new byte[read];
            Buffer.BlockCopy(content, 0, shorter, 0, read);
            return shorter;
        }

        private static JournalHeaderDto? ReadHeader(ReadOnlySpan<byte> line)
        {
            JournalHeaderDto? header;
            try
            {
                header = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalHeaderDto);
            }
            catch (JsonException)
            {
                return null;
            }

            return header != null && header.Format == Format && header.Version.HasValue && header.Version.Value >= 1
                   && header.BatchId != null && header.Provider != null && header.IdentitySha256 != null ? header : null;
        }

        /// <summary>The entry on <paramref name="line"/>, or null when it is not a complete, valid one.</summary>
        private static JournalEntryDto? ReadEntry(ReadOnlySpan<byte> line)
        {
            JournalEntryDto? entry;
            try
            {
                entry = JsonSerializer.Deserialize(line, JournalJsonContext.Default.JournalEntryDto);
            }
            catch (JsonException)
            {
                return null;
            }

            if (entry == null || RowKeyProblem(entry.Key) != null || !entry.At.HasValue) return null;
            if (entry.At.Value.Kind != DateTimeKind.Utc) entry.At = entry.At.Value.ToUniversalTime();
            switch (entry.State)
            {
                case Submitting: return SubmitSummary.TryRead(entry.Model, entry.PromptSha256) != null ? entry : null;
                case SubmittedState: return !string.IsNullOrEmpty(entry.JobId) ? entry : null;
                case RefusedState: return entry.Reason != null ? entry : null;
                case ResolvedState: return entry.How != null && (entry.JobId == null || entry.JobId.Length > 0) ? entry : null;
                default: return null;
            }
        }

        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            foreach (byte b in line)
                if (b != (byte)' ' && b != (byte)'\t') return false;
            return true;
        }

        private InvalidDataException Damaged(int lineNumber, string what)
            => new InvalidDataException("The journal of batch '" + UnsafeCharacters.Show(BatchId) + "' is damaged: line " + lineNumber.ToString(CultureInfo.InvariantCulture)
                + " of " + Path + " is not readable (" + what + "). Entries after it would be lost, so the batch stops here; repair or remove that line.");

        /// <summary>Throws <see cref="ArgumentException"/> (ParamName <c>rowKey</c>) unless the key is 1–255 visible ASCII characters.</summary>
        private static void CheckRowKey(string rowKey)
        {
            string? problem = RowKeyProblem(rowKey);
            if (problem != null) throw new ArgumentException(problem, nameof(rowKey));
        }

        private static string? RowKeyProblem(string? rowKey)
        {
            const string allowed = "a row key is 1 to 255 visible ASCII characters (no spaces or control characters), e.g. 'sqb-…'.";
            if (string.IsNullOrEmpty(rowKey)) return "rowKey is empty; " + allowed;
            if (rowKey!.Length > IdempotencyKeyRule.MaxLength)
                return "rowKey is " + rowKey.Length.ToString(CultureInfo.InvariantCulture) + " characters long; " + allowed;
            for (int i = 0; i < rowKey.Length; i++)
                if (rowKey[i] <= ' ' || rowKey[i] >= '\u007F')
                    return "rowKey '" + UnsafeCharacters.Show(rowKey) + "' has " + UnsafeCharacters.Name(rowKey[i]) + " at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + "; " + allowed;
            return null;
        }

        private static void CheckJobId(string jobId, string name)
        {
            // Lenient: the id is the provider's, and refusing it after a paid submit would lose the job.
            if (string.IsNullOrEmpty(jobId)) throw new ArgumentException(name + " must not be empty.", name);
        }

        private static string CheckText(string text, string name)
        {
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException(name + " must not be empty.", name);
            return text.Length <= MaxTextLength ? text : text.Substring(0, MaxTextLength - 1) + "…";
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(BatchJournal), "The journal of batch '" + UnsafeCharacters.Show(BatchId) + "' is closed.");
        }

        private static string Sha256(string text)
        {
            using (SHA256 sha = SHA256.Create())
                return SubmitSummary.Hex(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
        }

        /// <summary>True when <paramref name="ex"/> says another handle holds the file (sharing violation or flock).</summary>
        private static bool IsInUse(IOException ex)
        {
            if (ex is FileNotFoundException || ex is DirectoryNotFoundException || ex is PathTooLongException) return false;
            int code = ex.HResult & 0xFFFF;
            return IsWindows
                ? code == 32 || code == 33                      // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
                : ex.HResult == 11 || ex.HResult == 35;         // EWOULDBLOCK from flock: Linux 11, macOS/BSD 35
        }
    }
}
