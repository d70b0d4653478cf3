using System;
using System.Management.Automation;

namespace SmartlyQ.Video.Transformations
{
    /// <summary>
    /// Base of the CSV transformations: PowerShell will not bind "true" to a bool or "" to an int?, yet
    /// Import-Csv produces only strings. Converts with Core's CsvValue, whose errors name the field.
    /// </summary>
    public abstract class CsvTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>Creates the transformation for the parameter named <paramref name="field"/>.</summary>
        protected CsvTransformationAttribute(string field)
        {
            Field = field;
        }

        /// <summary>The parameter name used in error messages.</summary>
        public string Field { get; }

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            try
            {
                return Convert(value);
            }
            catch (ArgumentException ex)
            {
                // The binder reports this as "Cannot process argument transformation on parameter '…'. <message>".
                throw new ArgumentTransformationMetadataException(ex.Message, ex);
            }
        }

        /// <summary>The typed value, or null for an empty cell.</summary>
        protected abstract object? Convert(object? value);
    }
}
