using System;
using System.Management.Automation;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>
    /// CSV text to a switch: true/false, yes/no, y/n, 1/0 and $true/$false (any case) → that value, "" → false (an
    /// empty cell requests nothing), anything else → an error naming the field. A switch given on the command line
    /// (<c>-GenerateAudio</c>, <c>-GenerateAudio:$false</c>) passes through.
    /// </summary>
    /// <remarks>Never returns null: PowerShell binds null to a switch as present.</remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class CsvBooleanTransformationAttribute : CsvTransformationAttribute
    {
        /// <summary>Creates the transformation for the parameter named <paramref name="field"/>.</summary>
        public CsvBooleanTransformationAttribute(string field) : base(field) { }

        /// <inheritdoc />
        protected override object? Convert(object? value)
            => value is SwitchParameter given ? given.IsPresent : CsvValue.ToNullableBoolean(value, Field) ?? false;
    }
}
