using System;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>CSV text to <see cref="Nullable{Int64}"/>: "42" → 42, "" → $null, "x" → an error naming the field.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CsvInt64TransformationAttribute : CsvTransformationAttribute
    {
        /// <summary>Creates the transformation for the parameter named <paramref name="field"/>.</summary>
        public CsvInt64TransformationAttribute(string field) : base(field) { }

        /// <inheritdoc />
        protected override object? Convert(object? value) => CsvValue.ToNullableInt64(value, Field);
    }
}
