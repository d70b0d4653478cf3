using System;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>
    /// CSV text to <see cref="Nullable{Boolean}"/>: true/false, yes/no, y/n, 1/0 and $true/$false (any case) → bool,
    /// "" → $null, anything else → an error naming the field.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CsvBooleanTransformationAttribute : CsvTransformationAttribute
    {
        /// <summary>Creates the transformation for the parameter named <paramref name="field"/>.</summary>
        public CsvBooleanTransformationAttribute(string field) : base(field) { }

        /// <inheritdoc />
        protected override object? Convert(object? value) => CsvValue.ToNullableBoolean(value, Field);
    }
}
