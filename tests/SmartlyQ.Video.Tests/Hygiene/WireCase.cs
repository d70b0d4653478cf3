using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Tests.Hygiene
{
    /// <summary>
    /// One injection input for one field, driven through the operation (or client call) the cmdlet uses.
    /// <see cref="Refused"/>: it must produce exactly one error naming <see cref="Names"/> and send nothing of its own.
    /// Otherwise it is harmless text that is sent as-is (e.g. a literal <c>%0d%0a</c> in a header value, or a CR/LF
    /// in a prompt, which travels JSON-escaped in the body) and <see cref="Check"/> looks at its requests.
    /// <see cref="Requests"/> is how many requests the run must capture in total: those of the valid rows or jobs
    /// run next to the input (so "the next row goes on" is checked too) plus the input's own when it is sent.
    /// </summary>
    public sealed class WireCase
    {
        public WireCase(string field, string via, string value, bool refused, int requests, Func<WireContext, Task<WireOutcome>> run,
            string? names = null, Func<IReadOnlyList<RawRequest>, string?>? check = null, int written = 0)
        {
            Field = field;
            Via = via;
            Value = value;
            Refused = refused;
            Requests = requests;
            Run = run;
            Names = names ?? field;
            Check = check;
            Written = written;
        }

        /// <summary>e.g. <c>idempotency_key</c>, <c>JobUid</c>, <c>BaseUri</c>.</summary>
        public string Field { get; }

        /// <summary>The operation or call that received it, e.g. <c>New-SqVideo</c>.</summary>
        public string Via { get; }

        public string Value { get; }

        public bool Refused { get; }

        public int Requests { get; }

        /// <summary>How many objects the run must write (the valid rows' jobs or files).</summary>
        public int Written { get; }

        public Func<WireContext, Task<WireOutcome>> Run { get; }

        /// <summary>What a refusal's ParamName (or error id) must be.</summary>
        public string Names { get; }

        /// <summary>For a value that is sent: null when its requests are right, else what is wrong.</summary>
        public Func<IReadOnlyList<RawRequest>, string?>? Check { get; }

        public override string ToString() => Via + " " + Field + " '" + UnsafeCharacters.Show(Value, 50) + "'";
    }
}
