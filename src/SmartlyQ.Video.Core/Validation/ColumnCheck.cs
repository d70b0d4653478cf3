using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>What <see cref="ColumnNames.Check"/> found in one input object's property names.</summary>
    public sealed class ColumnCheck
    {
        /// <summary>Creates the result.</summary>
        public ColumnCheck(IReadOnlyList<ColumnMismatch> mismatches, IReadOnlyList<string> unknown)
        {
            Mismatches = mismatches;
            Unknown = unknown;
        }

        /// <summary>Columns that look like a parameter but bind to nothing: the row must not be sent.</summary>
        public IReadOnlyList<ColumnMismatch> Mismatches { get; }

        /// <summary>Columns that resemble no parameter; they are ignored.</summary>
        public IReadOnlyList<string> Unknown { get; }
    }
}
