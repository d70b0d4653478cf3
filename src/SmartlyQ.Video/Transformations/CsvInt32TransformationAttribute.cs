using System;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>CSV text to <see cref="Nullable{Int32}"/>: "10" → 10, "" → $null, "ten" → an error naming the field.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CsvInt32TransformationAttribute : CsvTransformationAttribute
    {
        /// <summary>Creates the transformation for the parameter named <paramref name="field"/>.</summary>
        public CsvInt32TransformationAttribute(string field) : base(field) { }

        /// <inheritdoc />
        protected override object? Convert(object? value) => CsvValue.ToNullableInt32(value, Field);
    }
}
