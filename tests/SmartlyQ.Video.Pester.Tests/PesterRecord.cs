using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Pester.Tests
{
    /// <summary>One Pester test (or one test file that failed to load) as Invoke-PesterSuite.ps1 reports it.</summary>
    public sealed class PesterRecord
    {
        /// <summary>"&lt;file&gt; &gt; &lt;Describe&gt; &gt; … &gt; &lt;It&gt;", or "&lt;file&gt; (file)".</summary>
        public string Id { get; set; } = "";

        /// <summary>Pester's result: Passed, Failed, Skipped, NotRun, Inconclusive; Discovered when only discovered.</summary>
        public string Result { get; set; } = "";

        /// <summary>Error messages and script stack traces, or null.</summary>
        public string? Error { get; set; }

        /// <summary>Duration in seconds.</summary>
        public double Seconds { get; set; }
    }

    /// <summary>The records of one discovery or run, keyed by id (a repeated id gets " #2", " #3", …).</summary>
    public sealed class PesterRecords
    {
        public PesterRecords(IEnumerable<PesterRecord> records, string log)
        {
            var seen = new Dictionary<string, int>();
            foreach (PesterRecord record in records)
            {
                seen[record.Id] = seen.TryGetValue(record.Id, out int n) ? n + 1 : 1;
                if (seen[record.Id] > 1) record.Id += " #" + seen[record.Id];
                ById[record.Id] = record;
            }
            Log = log;
        }

        /// <summary>Records by id, in the order Pester reported them.</summary>
        public Dictionary<string, PesterRecord> ById { get; } = new();

        /// <summary>The console output of pwsh (build and Pester's detailed output).</summary>
        public string Log { get; }

        public IEnumerable<string> Ids => ById.Keys.ToList();
    }
}
