using System.Collections.Generic;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>One New-SqVideo record: the request, its optional idempotency key and the input row it came from.</summary>
    public sealed class NewVideoInput
    {
        /// <summary>The request fields as bound (empty strings already count as not given).</summary>
        public VideoRequest Request { get; init; } = new VideoRequest();

        /// <summary>The caller's idempotency key (sent where the provider takes one); null → a new GUID for this row.</summary>
        public string? IdempotencyKey { get; init; }

        /// <summary>
        /// The property names of the pipeline object the row came from (CSV columns), checked against
        /// <see cref="NewVideoOptions.Columns"/>; null when the values were not taken from an object.
        /// </summary>
        public IReadOnlyList<string>? Columns { get; init; }

        /// <summary>
        /// The text of the pipeline object's columns that bind to no parameter (name → value): those the model's
        /// catalog declares as options (<see cref="VideoModel.Options"/>) are sent as such. Null: none.
        /// </summary>
        public IReadOnlyDictionary<string, string>? OtherColumns { get; init; }

        /// <summary>The input row, reported as the ErrorRecord's TargetObject.</summary>
        public object? TargetObject { get; init; }
    }
}
